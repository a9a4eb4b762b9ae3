// Namespaces nearly every test here uses (issue 16: one place instead of a repeated block per file).
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Remediation.Core.Events;
global using Remediation.Core.Findings;
global using Remediation.Core.Incidents;
global using Remediation.Core.Ledger;
global using Remediation.Core.Pipeline;
global using Remediation.Tests.Support;
