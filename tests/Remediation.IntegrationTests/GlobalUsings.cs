// Namespaces nearly every test here uses (issue 16: one place instead of a repeated block per file).
global using System.Text.Json;
global using Remediation.Core.Incidents;
global using Remediation.Core.Ledger;
global using Remediation.Core.Pipeline;
global using Remediation.IntegrationTests.Functions;
global using Remediation.IntegrationTests.LocalAws;
global using Remediation.Tool.Drill;
global using Xunit.Abstractions;
