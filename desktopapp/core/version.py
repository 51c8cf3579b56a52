"""The program's version, written only here. pyproject.toml reads it (dynamic version), so do
the installers (installer/build-deb.sh, build-windows.ps1); 帮助 ▸ 关于 shows it and every file
the program writes names it (check JSON `program`, the workbook's 说明 sheet, the review file)."""

__version__ = "0.1.0"
PROGRAM = f"desktopapp {__version__}"  # how the written files name the program that wrote them
