; Inno Setup 6 script: the Windows installer of egov-desktop.
;
; Installs for the current user without administrator rights (PrivilegesRequired=lowest) into
; %LOCALAPPDATA%\Programs\egov-desktop, with Start-menu and desktop shortcuts. An administrator
; may instead install for all users with /ALLUSERS (PrivilegesRequiredOverridesAllowed).
; The user's data lives in %LOCALAPPDATA%\egov-desktop (platformdirs; see egov_desktop/paths.py),
; never under {app}: upgrading or uninstalling never touches it.
;
; Build (the windows-installer CI workflow does this after PyInstaller made dist\egov-desktop):
;   iscc /DAppVersion=0.1.0 installer\egov-desktop.iss
; Output: dist\egov-desktop-<version>-windows-x64-setup.exe
;
; Silent install for mass deployment (see docs/install.md):
;   egov-desktop-<version>-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER
;   ... /MERGETASKS="!desktopicon"     (no desktop shortcut)
;   ... /LOG="%TEMP%\egov-desktop-setup.log"
; Silent uninstall:
;   "%LOCALAPPDATA%\Programs\egov-desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z installer\egov-desktop.iss
#endif
#define AppName "egov-desktop"
#define AppExe "egov-desktop.exe"
#define SourceDir "..\dist\egov-desktop"

[Setup]
; AppId identifies the program across versions: never change it, or upgrades install side by side.
AppId={{6B1E0C53-4E1A-4C7B-9A37-5E2D8E0F4A21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=egov-desktop
AppComments=Tự đánh giá ứng dụng CNTT, chính quyền điện tử / IT and e-government self-assessment
VersionInfoVersion={#AppVersion}
VersionInfoDescription={#AppName} installer
; Per-user by default: no UAC prompt, works on locked-down office PCs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install, Program Files with /ALLUSERS.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Close a running egov-desktop before files are replaced (Restart Manager), then carry on.
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
#if FileExists(AddBackslash(SourcePath) + "..\egov_desktop\resources\icons\app.ico")
SetupIconFile=..\egov_desktop\resources\icons\app.ico
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DesktopIcon=Tạo biểu tượng trên màn hình / Create a desktop shortcut
english.LaunchApp=Mở egov-desktop / Open egov-desktop

[Tasks]
; Checked by default, so a silent install creates it too (/MERGETASKS="!desktopicon" to skip).
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[InstallDelete]
; An upgrade replaces the program files wholesale, so no file of the old version lingers.
; Only the program's own folder: the user's data is elsewhere and is never touched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what it installed. The data folder
; (%LOCALAPPDATA%\egov-desktop, or "data" beside the program in portable mode) stays.
