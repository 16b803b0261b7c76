using Simulator.Model;

namespace Simulator.Tests.Model;

public class EquatableArrayTests
{
    [Fact]
    public void CollectionExpression_HoldsItsItems()
    {
        var a = new Taint("a", "", TaintEffect.NoSchedule);
        var b = new Taint("b", "x", TaintEffect.NoExecute);

        EquatableArray<Taint> taints = [a, b];
        EquatableArray<Taint> none = [];

        taints.Count.ShouldBe(2);
        taints.ShouldBe(EquatableArray.Create(a, b));
        none.IsEmpty.ShouldBeTrue();
        new NodeSpec { Taints = [a] }.Taints.Single().ShouldBe(a);
    }
}
