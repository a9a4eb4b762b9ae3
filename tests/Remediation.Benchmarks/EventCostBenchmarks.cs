using BenchmarkDotNet.Attributes;
using Remediation.Core.Configuration;
using Remediation.Core.Events;
using Remediation.Core.Findings;
using Remediation.Core.Guardrails;
using Remediation.Core.Incidents;
using Remediation.Core.Notifications;
using Remediation.Core.Pipeline;
using Remediation.RevokeIamPermissions;

namespace Remediation.Benchmarks;

/// <summary>
/// Issue 13 goal 7, the in-process cost of one GuardDuty user finding through RevokeIamPermissions: parse and
/// normalize, plan (from the facts its reads return), the finding's guardrails; and composing the notification of
/// the incident as it ends: one deny-all attach with its before-state and undo, the key deactivation skipped, the
/// evidence, and the finding's full detail in the machine JSON.
/// <c>dotnet run -c Release --project tests/Remediation.Benchmarks -- --filter '*EventCost*'</c>
/// </summary>
[MemoryDiagnoser]
public class EventCostBenchmarks
{
    private const string User = "arn:aws:iam::123456789012:user/etl-service-user";
    private byte[] guardDuty = [];
    private RemediationSettings settings = null!;
    private RevokeOptions options = null!;
    private RevokeFacts facts = null!;
    private ITagLookup tags = null!;
    private IncidentReport report = null!;

    /// <summary>Tags already read this invocation (the tag cache answers with a finished task).</summary>
    private sealed class KnownTags : ITagLookup
    {
        private static readonly Task<IReadOnlyDictionary<string, string>> Team =
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "data-platform" });

        public Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string arn, CancellationToken ct) => Team;
    }

    [GlobalSetup]
    public void Setup()
    {
        guardDuty = File.ReadAllBytes(Repo.Event("guardduty/anomalous-behavior-iam-user.json"));
        settings = RemediationSettings.Load(new EnvironmentReader(new Dictionary<string, string?>
        {
            ["REMEDIATION_MODE"] = "enforce",
            ["TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:remediation-alerts",
            ["LEDGER_TABLE"] = "remediation-ledger",
            ["STACK_ACCOUNT_ID"] = "123456789012",
        }), defaultMinSeverity: 7);
        options = new RevokeOptions("arn:aws:iam::123456789012:policy/remediation-deny-all", "RemediationDenyAll", false,
            RevokeOptions.DefaultAdminPolicyArns, []);
        facts = new RevokeFacts(new Dictionary<string, string>(StringComparer.Ordinal) { [RevokeFacts.Key(Remediation.Actions.Iam.IamEntityKind.User, "etl-service-user")] = User }, []);
        tags = new KnownTags();
        var finding = EventParser.Parse(guardDuty).Finding!;
        var attach = new ActionRecord("iam:AttachUserPolicy", User, "credential finding on the user: deny everything",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["UserName"] = "etl-service-user", ["PolicyArn"] = options.DenyAllPolicyArn },
            ActionStatus.Done, "attached remediation-deny-all to IAM user etl-service-user",
            """{"attachedPolicies":["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess","arn:aws:iam::123456789012:policy/etl-secrets-read"]}""",
            new InverseRecord("iam:DetachUserPolicy", User, "undo the deny-all",
                new Dictionary<string, string>(StringComparer.Ordinal) { ["UserName"] = "etl-service-user", ["PolicyArn"] = options.DenyAllPolicyArn }));
        report = new IncidentReport("RevokeIamPermissions", "inc-0cbc8b3347ac538047fc56c2", IncidentOutcome.Remediated, "contained",
            finding, new Headline("Denied everything to IAM user etl-service-user", "Would deny everything to IAM user etl-service-user"),
            [attach], ["access key AKIAETLSERVICE000002 left active: not the key the finding names"])
        {
            Evidence = ["GetSecretValue from 192.0.2.144 (Singapore, EXAMPLE-VPS)", "anomalous API calls: secretsmanager:GetSecretValue"],
        };
    }

    [Benchmark]
    public Verdict ParsePlanGuards()
    {
        var finding = EventParser.Parse(guardDuty).Finding!;
        if (FindingGuardrails.NothingToPlan(finding, settings) is { } reason)
        {
            throw new InvalidOperationException(reason);
        }
        var plan = RevokePlanner.Plan(finding, options, facts);
        var verdict = new FindingGuardrails(settings, tags).EvaluateAsync(finding, CancellationToken.None);
        return plan.Actions.Count > 0 && verdict.IsCompletedSuccessfully ? verdict.Result : throw new InvalidOperationException("no plan");
    }

    [Benchmark]
    public NotificationMessage ComposeOneActionNotification() => NotificationComposer.Compose(report, "remediate rollback inc-0cbc8b3347ac538047fc56c2 --table remediation-ledger");
}
