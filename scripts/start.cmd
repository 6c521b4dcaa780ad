@echo off
rem Install Kiểm tra into its own virtual environment (first run only) and start the window.
cd /d "%~dp0\.."
if not exist .venv\Scripts\kiemtra.exe (
  py -3 -m venv .venv || python -m venv .venv
  .venv\Scripts\python -m pip install -q --disable-pip-version-check -e .
)
.venv\Scripts\kiemtra.exe %*
