using Simulator.Controllers;
using Simulator.Model;
using Simulator.Tests.Controllers;

namespace Simulator.Tests.Rollouts;

// Kubernetes' TestGetUnavailableNumbers / updatedDesiredNodeCounts: percentages resolve against the desired nodes, rounding up.
public class RollingUpdateBudgetTests
{
    public static TheoryData<string, IntOrString?, IntOrString?, int, int, int> Cases => new()
    {
        { "defaults are 1 unavailable and no surge, not 25%", null, null, 40, 1, 0 },
        { "10% of 5 nodes rounds up to 1", "10%", 0, 5, 1, 0 },
        { "50% of 3 nodes rounds up to 2", "50%", 0, 3, 2, 0 },
        { "25% of 10 nodes rounds up to 3", "25%", 0, 10, 3, 0 },
        { "100% is every desired node", "100%", 0, 7, 7, 0 },
        { "1% of 1000 nodes is exactly 10", "1%", 0, 1000, 10, 0 },
        { "an integer may exceed the desired count", 12, 0, 3, 12, 0 },
        { "surge percentages round up too", 0, "10%", 5, 0, 1 },
        { "surge 30% of 4 nodes is 2", 0, "30%", 4, 0, 2 },
        { "both zero with desired nodes falls back to 1 unavailable", 0, 0, 4, 1, 0 },
        { "both zero with no desired nodes stays zero", 0, 0, 0, 0, 0 },
        { "a percentage of no desired nodes is 0", "50%", 0, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_AgainstDesiredNodes_RoundsPercentagesUp(string description, IntOrString? maxUnavailable, IntOrString? maxSurge, int desired, int expectedUnavailable, int expectedSurge)
    {
        var ds = ControllerKit.Stored(RolloutKit.Rolling(maxUnavailable, maxSurge));

        var budget = RollingUpdateBudget.Resolve(ds, desired);

        budget.ShouldBe(new RollingUpdateBudget(expectedUnavailable, expectedSurge), description);
    }

    [Fact]
    public void Resolve_OnDelete_NoBudget()
    {
        var ds = ControllerKit.Stored(RolloutKit.OnDelete());

        RollingUpdateBudget.Resolve(ds, 10).ShouldBe(new RollingUpdateBudget(0, 0));
    }
}
