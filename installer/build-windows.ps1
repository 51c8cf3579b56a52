<#
.SYNOPSIS
  Windows build: clean virtual environment -> one-folder PyInstaller build -> smoke tests ->
  Inno Setup installer (installer\dist\desktopapp-setup-<version>.exe).

.DESCRIPTION
  Run from any folder on a 64-bit Windows 10/11 build machine with Python 3.11 (64-bit) and,
  for the installer, Inno Setup 6.3+ (ISCC.exe on PATH or in its default folder).
    powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
    powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 -Wheelhouse D:\wheels
  -Wheelhouse: build without internet from wheels fetched on a PC with internet (any OS,
  Python 3.11) - the project's own wheel, then everything it and the build need for Windows:
    python -m pip wheel --no-deps -w D:\wheels <project folder>
    python -m pip download --dest D:\wheels --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp --find-links D:\wheels desktopapp pyinstaller "setuptools>=68"
  PyInstaller is installed into the build environment only; it is not a dependency of the
  application. (This file is kept ASCII so Windows PowerShell 5.1 reads it in any code page.)
#>
param(
    [string]$Python = "python",
    [string]$Wheelhouse = "",
    [switch]$NoInstaller,
    [int]$GuiSeconds = 15
)
$ErrorActionPreference = "Stop"
$Here = $PSScriptRoot
$Root = Split-Path $Here -Parent
$Work = Join-Path $Here "build"
$Dist = Join-Path $Here "dist"
$Venv = Join-Path $Work "venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"

function Invoke-Checked([string]$What, [scriptblock]$Block) {
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit status $LASTEXITCODE)" }
}

# 1. A clean environment holding only the application's runtime dependencies and PyInstaller,
#    so nothing installed for development ends up in the build.
if (-not (Test-Path $VenvPython)) {
    Invoke-Checked "creating the virtual environment" { & $Python -m venv $Venv }
}
$pipArgs = @("-m", "pip", "install", "--upgrade", $Root, "pyinstaller")
if ($Wheelhouse) { $pipArgs = @("-m", "pip", "install", "--no-index", "--find-links", $Wheelhouse, $Root, "pyinstaller") }
Invoke-Checked "pip install" { & $VenvPython @pipArgs }

# 2. The one-folder build: installer\dist\desktopapp\{desktopapp.exe, desktopapp-cli.exe, _internal\}
$started = Get-Date
Push-Location $Root
try {
    Invoke-Checked "PyInstaller" {
        & $VenvPython -m PyInstaller --noconfirm --clean --log-level WARN `
            --distpath $Dist --workpath (Join-Path $Work "pyinstaller") (Join-Path $Here "desktopapp.spec")
    }
} finally { Pop-Location }
$app = Join-Path $Dist "desktopapp"
$bytes = (Get-ChildItem $app -Recurse -File | Measure-Object Length -Sum).Sum
"Build took {0:N0} s; {1:N0} MB in {2}" -f ((Get-Date) - $started).TotalSeconds, ($bytes / 1MB), $app

# 3. Smoke tests. The console program reads the bundled sample and exports the workbook...
$out = Join-Path ([System.IO.Path]::GetTempPath()) ("desktopapp-smoke-" + [guid]::NewGuid())
New-Item -ItemType Directory $out | Out-Null
$env:DESKTOPAPP_DATA_DIR = Join-Path $out "data"
try {
    Invoke-Checked "desktopapp-cli check" {
        & (Join-Path $app "desktopapp-cli.exe") check (Join-Path $Root "resources\sample-dept-budget.pdf") --json $out --xlsx (Join-Path $out "sample.xlsx")
    }
    if (-not (Test-Path (Join-Path $out "sample.xlsx"))) { throw "no workbook was exported" }
    $result = Get-Content (Join-Path $out "sample-dept-budget.json") -Raw -Encoding UTF8 | ConvertFrom-Json
    if ($result.schema -ne "disclosure-check/1" -or $result.tables.Count -eq 0) { throw "the sample gave no tables" }
    "Smoke test: the sample PDF gave {0} tables" -f $result.tables.Count

    # ...and the window starts (offscreen) on it and is still running after a while.
    $env:QT_QPA_PLATFORM = "offscreen"
    $gui = Start-Process -FilePath (Join-Path $app "desktopapp.exe") -ArgumentList "--sample" -PassThru
    Start-Sleep -Seconds $GuiSeconds
    if ($gui.HasExited) { throw "desktopapp.exe ended after less than $GuiSeconds s (exit status $($gui.ExitCode))" }
    Stop-Process -Id $gui.Id
    Wait-Process -Id $gui.Id -Timeout 10 -ErrorAction SilentlyContinue
    "Smoke test: the window ran $GuiSeconds s on the sample"
} finally {
    Remove-Item Env:QT_QPA_PLATFORM -ErrorAction SilentlyContinue
    Remove-Item Env:DESKTOPAPP_DATA_DIR -ErrorAction SilentlyContinue
    Remove-Item $out -Recurse -Force -ErrorAction SilentlyContinue
    # The window takes its lock (and would save a review) beside the sample it opened, inside
    # the build folder: nothing the smoke tests left may go into the installer.
    Get-ChildItem (Join-Path $app "_internal\resources") -File -Force |
        Where-Object { $_.Name -like ".*.review.lock" -or $_.Name -like "*.review.json" -or $_.Name -like ".*.tmp" } |
        Remove-Item -Force
}

# 4. The installer.
if ($NoInstaller) { return }
$iscc = (Get-Command "ISCC.exe" -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    $iscc = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    ) | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $iscc) { throw "ISCC.exe (Inno Setup 6.3+) not found; install it or run with -NoInstaller" }
# The one place the version is written (pyproject.toml reads it from there too).
$version = (Select-String -Path (Join-Path $Root "desktopapp\core\version.py") -Pattern '^__version__ = "([^"]+)"').Matches[0].Groups[1].Value
Invoke-Checked "ISCC" { & $iscc "/DAppVersion=$version" "/DBuildDir=$app" (Join-Path $Here "desktopapp.iss") }
Get-ChildItem (Join-Path $Dist "desktopapp-setup-$version.exe")
