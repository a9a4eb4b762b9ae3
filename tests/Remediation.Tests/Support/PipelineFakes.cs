using Remediation.Core.Aws.Sns;

namespace Remediation.Tests.Support;

internal sealed class FakeSns : ISns
{
    public List<SnsPublishRequest> Published { get; } = [];
    public int FailuresLeft { get; set; }

    public Task<string> PublishAsync(SnsPublishRequest request, CancellationToken ct)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new Core.Aws.AwsServiceException("sns", "InternalError", "boom", 500, "r-1");
        }
        Published.Add(request);
        return Task.FromResult("msg-" + Published.Count);
    }

    public Task<string> CreateTopicAsync(string name, CancellationToken ct) => Task.FromResult("arn:aws:sns:us-east-1:123456789012:" + name);
}

internal sealed class FakeBreaker(bool admit = true) : ITargetBreaker
{
    public List<string> Admitted { get; } = [];

    public List<BreakerRequest> Requests { get; } = [];

    public Task<BreakerDecision> AdmitAsync(BreakerRequest request, CancellationToken ct)
    {
        Requests.Add(request);
        if (admit)
        {
            Admitted.AddRange(request.Targets);
        }
        return Task.FromResult(new BreakerDecision(admit, admit ? "" : "breaker open: test") { AnnounceOpen = !admit, Held = admit ? [] : [request.IncidentId] });
    }
}

internal sealed class FixedPlaybook(params PlannedAction[] actions) : IPlaybook
{
    public string FunctionName => "TestFunction";

    public Task<Plan> PlanAsync(Finding finding, CancellationToken ct) =>
        Task.FromResult(new Plan(actions, ["left the other key alone"], new Headline("Contained the thing", "Would contain the thing")));
}

/// <summary>Records calls; fails the kinds it is told to fail, the given number of times.</summary>
internal sealed class RecordingHandler(string kind, List<string> journal) : IActionHandler
{
    public string Kind => kind;
    public int FailuresLeft { get; set; }

    public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        journal.Add(kind + " " + action.Target);
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new Core.Aws.AwsServiceException("iam", "ServiceFailure", "try again", 500, null);
        }
        var inverse = PlannedAction.Create("undo:" + kind, action.Target, "undo");
        return Task.FromResult(ActionResult.Done(action, "ok", "before-" + action.Target, inverse));
    }
}
