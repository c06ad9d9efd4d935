; Inno Setup script: a per-user or per-machine installer for the one-folder bundle in dist\deskside\.
; Build on Windows after the PyInstaller step (packaging/README.md):
;     iscc /DAppVersion=0.1.0 packaging\windows\deskside.iss
; Output: dist\installer\deskside-<version>-setup.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Deskside"
#define AppExe "deskside.exe"
#define Root "..\.."

[Setup]
; A fixed AppId keeps upgrades and uninstall working across versions: never change it.
AppId={{6F5C2E4B-7C1D-4B7A-9E2B-3D8A1F0C5E91}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Deskside developers
AppPublisherURL=https://github.com/deskside/deskside
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist\installer
OutputBaseFilename=deskside-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\deskside.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle. The user's store and settings live in the user's folders
; (platformdirs), never under {app}, so an upgrade or uninstall leaves them alone.
Source: "{#Root}\dist\deskside\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
