; Inno Setup script for Kiểm tra on Windows.
; Build the program folder first (pyinstaller --noconfirm --clean packaging/kiemtra.spec),
; then:  iscc /DAppVersion=0.1.0 packaging\windows\kiemtra.iss
; The user's data (database, evidence, backups) lives in %LOCALAPPDATA%\KiemTra, never in
; the program folder, so upgrading or uninstalling the program leaves it untouched.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1C3A52-8D0E-4C7B-9A51-2B7C1E0D4F88}
AppName=Kiểm tra
AppVersion={#AppVersion}
AppPublisher=Kiểm tra
DefaultDirName={autopf}\KiemTra
DefaultGroupName=Kiểm tra
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=KiemTra-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
UninstallDisplayIcon={app}\KiemTra.exe

[Languages]
; Inno Setup ships no Vietnamese translation of its own wizard; the wizard is in English and
; everything the program itself shows is Vietnamese.
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\kiemtra\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Kiểm tra"; Filename: "{app}\KiemTra.exe"
; cmd /k keeps the window open so that the result can be read.
Name: "{group}\Tự kiểm tra cài đặt"; Filename: "{cmd}"; Parameters: "/k ""{app}\kiemtra.exe"" --self-test"
Name: "{group}\{cm:UninstallProgram,Kiểm tra}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Kiểm tra"; Filename: "{app}\KiemTra.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\KiemTra.exe"; Description: "{cm:LaunchProgram,Kiểm tra}"; Flags: nowait postinstall skipifsilent

; Nothing under [UninstallDelete]: the data folder %LOCALAPPDATA%\KiemTra is the user's.
