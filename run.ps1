# Runs the conformance suite (PowerShell). With no arguments it tests the embedded reference homeserver.
# ./run.ps1 -- --help lists the options; they are the same as ./run.sh's (README.md; docs/profiles.md
# tells how to test your own server). Builds the Release configuration when a source file changed, as
# scripts/build.sh does, and installs the Allure CLI for the HTML report when npm is there.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error 'The .NET SDK (dotnet) is not on PATH; install .NET 10 (https://dotnet.microsoft.com/download).'
    exit 2
}
$stamp = Join-Path $root 'artifacts/.built-release'
$sources = Get-ChildItem -Recurse -File -Path (Join-Path $root 'harness'), (Join-Path $root 'suites'), (Join-Path $root 'tests'), (Join-Path $root 'fixtures/reference-homeserver') -Include *.cs, *.csproj, xunit.runner.json |
    Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
$stale = -not (Test-Path $stamp) -or ($sources | Where-Object { $_.LastWriteTime -gt (Get-Item $stamp).LastWriteTime } | Select-Object -First 1)
if ($stale) {
    Write-Host 'Building (Release)…'
    dotnet build (Join-Path $root 'Conformance.sln') -c Release -v q --nologo
    if ($LASTEXITCODE -ne 0) { Write-Error 'The build failed.'; exit 5 }
    New-Item -ItemType File -Force -Path $stamp | Out-Null
}
# The Allure CLI for the HTML report (npm); without npm the other reports are still written.
$allure = Join-Path $root 'scripts/allure'
if (-not (Test-Path (Join-Path $allure 'node_modules/.bin/allure')) -and (Get-Command npm -ErrorAction SilentlyContinue)) {
    Write-Host 'Installing the Allure Report CLI…'
    npm ci --prefix $allure --no-audit --no-fund --loglevel=error | Out-Null
}
dotnet (Join-Path $root 'artifacts/bin/Conformance.Runner/release/conformance.dll') @args
exit $LASTEXITCODE
