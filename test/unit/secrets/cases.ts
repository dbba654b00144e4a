/**
 * Our own set of 40: 20 realistic secrets an operator or author might type during an Exchange
 * recovery, and 20 innocent strings that look like them. None is a live credential.
 */
export const SECRETS: string[] = [
  'The KMS startup password is Kms-Lyon#2002',
  'pw = Summer2024!',
  'Connected with mssql://sa:Sql$erver2000@db01/exchange',
  'Ops DB at postgres://backup:hunter22@10.0.0.5:5432/ops',
  'net use Z: \\\\backup01\\tapes /user:CORP\\svc-backup Pa55w0rd!',
  'psexec \\\\exch01 -u CORP\\admin -p Welcome1 cmd',
  'DefaultEndpointsProtocol=https;AccountName=drlogs;AccountKey=8fK2pQ9xLm3vT7rW1zY5bN0cH4jD6gS8aE2uI9oP3kQ=;EndpointSuffix=core.windows.net',
  'enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0',
  'password: Winter#2003',
  'DSRM password: Dsrm2002!Recovery',
  'Key AKIAIOSFODNN7EXAMPLE for the offsite bucket',
  'token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  '-----BEGIN RSA PRIVATE KEY----- MIIEpAIBAAKCAQEA',
  'Slack hook xoxb-1234567890-abcdefghij',
  'runas /user:CORP\\exadmin /password:S3cr3t!',
  'sqlcmd -S db01 -U sa -P Sql2000! -Q "select 1"',
  'Server=db01;Database=ex;User Id=sa;Password=Sql2000!;',
  'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleGNoMDEifQ.c2lnbmF0dXJlLXZhbHVl',
  'secret=Z3k9QmP2xR7vL0aT',
  'The administrator password was Exch!2000adm before the reset',
];

export const INNOCENT: string[] = [
  'Password: in KeePass, entry "KMS startup"',
  'restore-tuesday-incremental-1023',
  'Reset the password for the service account before mounting',
  'The password policy requires 8 characters',
  'Password: ********',
  'The KMS password is stored in the sealed envelope in the safe',
  'net use Z: \\\\backup01\\tapes /user:CORP\\svc-backup *',
  'psexec \\\\exch01 -u CORP\\admin cmd',
  'mssql://backup@db01/exchange',
  'eseutil /p "E:\\Exchsrvr\\mdbdata\\priv1.edb"',
  'mkdir -p /var/backups/exchange-2026-11-25',
  'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'GUID {6D5C8A2E-3F1B-4C7D-9E0A-1B2C3D4E5F60} of the storage group',
  'Event 9175: MAPI session could not be opened',
  'ticket INC-20261125-0042',
  'Password: see the DR binder, section 4',
  'The token expired; restarted the service',
  'verify-mounted-first-storage-group-mailbox-store-2',
  'ldap://dc01.corp.local:389/CN=Users,DC=corp,DC=local',
  'ntbackup restore /t "Full 2026-11-24" /um',
];
