# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]
ENV APP_HOME=C:\app
WORKDIR C:\app
RUN Invoke-WebRequest -Uri https://example.invalid/tool.zip -OutFile tool.zip ; `
    Expand-Archive tool.zip -DestinationPath C:\tools ; `
    Remove-Item tool.zip -Force
COPY . C:\app
EXPOSE 80
CMD ["powershell", "-File", "C:\\app\\start.ps1"]
