using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>Failures of <see cref="RolloutProperties"/> that FsCheck shrank, frozen as plain facts (the property named in each summary).</summary>
public sealed class RolloutPropertyRegressions
{
    private static NodeShape PlainNode(string name) => new(name, StringMap.Of("zone", "a", "pool", "p1"), default, false, "8", "16Gi", "110");

    /// <summary>
    /// From <c>History_NeverExceedsLimitPlusRevisionsInUse</c> (replay 17821039005074171725,18394015960887071257, shrunk from 518
    /// nodes / 15 ops). A fault of the test, not of the simulator: the check ran right after <c>v3 → v2</c>, before the controller
    /// had seen the change, so revision #2 (v2) looked current and the real current #3 (v3) looked like an unpinned old revision
    /// over a limit of 0. History is now judged only once the clock has moved; this scenario must pass.
    /// </summary>
    [Fact]
    public void History_TemplateBackToAnOldRevision_IsJudgedOnceTheControllerHasSeenIt()
    {
        var ds = new RolloutDaemonSet("ds-a", StringMap.Empty, new RolloutBudget(BudgetKind.OnDelete, 0), 0, 0, "agent:v1", null);
        var scenario = new RolloutScenario(
            1087694293,
            EquatableArray.Create(PlainNode("n-001")),
            EquatableArray.Create(ds),
            RolloutKubelet.Instant,
            EquatableArray.Create<RolloutOp>(
                new ChangeImage(0, "agent:v2"),
                new DeleteRolloutPod(0, 2),
                new Wait(1),
                new ChangeImage(0, "agent:v3"),
                new WaitForRollout(),
                new ChangeImage(0, "agent:v2"),
                new ChangeImage(0, "agent:v3")));

        new RolloutProperties().History_NeverExceedsLimitPlusRevisionsInUse(new HistoryCase(scenario));
    }
}
