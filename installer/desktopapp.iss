; Inno Setup script: installs 预决算公开审核助手 for the current user, without administrator
; rights, from the one-folder build (installer/desktopapp.spec). Needs Inno Setup 6.3 or newer.
;   ISCC.exe /DAppVersion=<version> installer\desktopapp.iss   (installer\build-windows.ps1 does this,
;   reading the version from desktopapp\core\version.py, the one place it is written)
; Result: installer\dist\desktopapp-setup-<version>.exe — everything inside, nothing downloaded.

#if PREPROCVER < 0x06030000
#error Inno Setup 6.3 or newer is needed (x64compatible, UTF-8 scripts)
#endif
#ifndef AppVersion
#error Pass /DAppVersion=<version> (installer\build-windows.ps1 reads it from desktopapp\core\version.py)
#endif
; BuildDir: the PyInstaller output, relative to this script unless given absolute
#ifndef BuildDir
#define BuildDir "dist\desktopapp"
#endif
#define AppTitle "预决算公开审核助手"
#define AppExe "desktopapp.exe"

[Setup]
; Never change AppId: upgrades and the uninstaller find an earlier installation by it.
AppId={{65C225F1-CCEC-4702-B686-66326C497FB0}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
VersionInfoVersion={#AppVersion}
; Per user, no UAC prompt: %LOCALAPPDATA%\Programs\desktopapp
PrivilegesRequired=lowest
DefaultDirName={userpf}\desktopapp
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
; Qt 6 runs on 64-bit Windows 10 and 11 only.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\resources\icons\desktopapp.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppTitle}
OutputDir=dist
OutputBaseFilename=desktopapp-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
; Explorer re-reads the 打开方式 entries after install and uninstall
ChangesAssociations=yes

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
#pragma warning "Languages\ChineseSimplified.isl not found in the Inno Setup folder: the setup wizard will be in English"
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"
; Off by default: the officer's PDF reader stays the default program for .pdf files.
Name: "openwith"; Description: "在 PDF 文件的“打开方式”菜单中加入本程序（不改变默认的 PDF 阅读器）"; Flags: unchecked

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the libraries wholesale: nothing of an older build may linger
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "读取预决算公开 PDF 的表格，校验勾稽关系，导出 Excel"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; "Open with" entry only (HKCU\Software\Classes because the installation is per user).
Root: HKA; Subkey: "Software\Classes\desktopapp.pdf"; ValueType: string; ValueName: ""; ValueData: "PDF 文件（{#AppTitle}）"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\desktopapp.pdf\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\desktopapp.pdf\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "desktopapp.pdf"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppTitle}"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""; Tasks: openwith

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "--sample"; Description: "打开示例文件试用"; Flags: nowait postinstall skipifsilent unchecked
Filename: "{app}\{#AppExe}"; Description: "启动{#AppTitle}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; a review file the officer's corrections of the bundled sample left beside it; review files
; of the officer's own PDFs (beside them, or in %LOCALAPPDATA%\desktopapp) are kept
Type: files; Name: "{app}\_internal\resources\*.review.json"
; (and the temporary file of a save cut short: export/atomic.py names it ".<name>.<pid>.<random>.tmp")
Type: files; Name: "{app}\_internal\resources\.*.tmp"
; (and the lock the window takes beside the sample it has open, left behind if it was killed)
Type: files; Name: "{app}\_internal\resources\.*.review.lock"
