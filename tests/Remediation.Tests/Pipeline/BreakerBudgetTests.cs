namespace Remediation.Tests.Pipeline;

/// <summary>Issue 12.7: one source cannot spend the whole budget; a flood from it holds only its own incidents.</summary>
public sealed class BreakerBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static (BreakerDecision, BreakerState) Admit(BreakerState state, string source, string incident, params string[] targets) =>
        BreakerBudget.Decide(state, new BreakerRequest("QuarantineS3Object", source, incident, targets), Now, 15, max: 10, perSource: 5);

    [Fact]
    public void Nine_test_uploads_to_one_bucket_leave_room_for_real_malware_in_another()
    {
        var state = BreakerState.Empty;
        var held = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            (var decision, state) = Admit(state, "bucket uploads", "eicar-" + i, $"arn:aws:s3:::uploads/eicar-{i}.com");
            if (!decision.Admitted)
            {
                held.Add("eicar-" + i);
                Assert.Contains("breaker open for bucket uploads", decision.Reason, StringComparison.Ordinal);
            }
        }
        Assert.Equal(["eicar-5", "eicar-6", "eicar-7", "eicar-8"], held);

        var (real, _) = Admit(state, "bucket training-data", "malware-1", "arn:aws:s3:::training-data/model.pkl");
        Assert.True(real.Admitted, real.Reason);
    }

    [Fact]
    public void One_large_incident_from_a_source_is_bounded_by_the_total_only()
    {
        var targets = Enumerable.Range(0, 8).Select(i => "arn:aws:sagemaker:us-east-1:123456789012:training-job/j" + i).ToArray();
        var (first, state) = Admit(BreakerState.Empty, "bucket data", "one", targets);
        Assert.True(first.Admitted, first.Reason);
        Assert.False(Admit(state, "bucket data", "two", "arn:aws:s3:::data/x").Item1.Admitted);
    }

    [Fact]
    public void A_retry_of_an_admitted_large_incident_is_not_a_second_incident_of_its_source()
    {
        // A role sweep of 7 jobs is admitted; one stop fails and the retry plans that job, plus one started since.
        var jobs = Enumerable.Range(0, 7).Select(i => "arn:aws:sagemaker:us-east-1:123456789012:training-job/j" + i).ToArray();
        var (first, state) = Admit(BreakerState.Empty, "principal role/sagemaker-exec", "sweep", jobs);
        Assert.True(first.Admitted, first.Reason);

        var (retry, _) = Admit(state, "principal role/sagemaker-exec", "sweep", jobs[6]);
        Assert.True(retry.Admitted, retry.Reason);
        var (grown, _) = Admit(state, "principal role/sagemaker-exec", "sweep", jobs[6], "arn:aws:sagemaker:us-east-1:123456789012:training-job/new");
        Assert.True(grown.Admitted, grown.Reason);
        Assert.False(Admit(state, "principal role/sagemaker-exec", "another", "arn:aws:sagemaker:us-east-1:123456789012:training-job/other").Item1.Admitted);
    }

    [Fact]
    public void The_first_refusal_of_a_window_announces_and_later_ones_only_join_the_held_list()
    {
        var state = BreakerState.Empty;
        var decisions = new List<BreakerDecision>();
        for (var i = 0; i < 8; i++)
        {
            (var decision, state) = Admit(state, "principal arn:aws:iam::123456789012:role/ci", "i-" + i, "arn:aws:iam::123456789012:user/u" + i);
            decisions.Add(decision);
        }
        var refused = decisions.Where(d => !d.Admitted).ToList();
        Assert.Equal(3, refused.Count);
        Assert.Equal([true, false, false], refused.Select(d => d.AnnounceOpen));
        Assert.Equal(["i-5", "i-6", "i-7"], refused[^1].Held);
    }

    [Fact]
    public void A_target_already_admitted_in_the_window_costs_nothing_and_the_window_expires()
    {
        var state = BreakerState.Empty;
        for (var i = 0; i < 5; i++)
        {
            (_, state) = Admit(state, "s", "i-" + i, "arn:t" + i);
        }
        Assert.True(Admit(state, "s", "i-again", "arn:t0").Item1.Admitted);
        Assert.False(Admit(state, "s", "i-new", "arn:t9").Item1.Admitted);
        var (later, _) = BreakerBudget.Decide(state, new BreakerRequest("QuarantineS3Object", "s", "i-new", ["arn:t9"]), Now.AddMinutes(16), 15, 10, 5);
        Assert.True(later.Admitted);
    }
}
