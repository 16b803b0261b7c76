using Simulator.Model;

namespace Simulator.Tests.Model;

public class NaturalStringComparerTests
{
    [Theory]
    [InlineData("digits compare as numbers", "w-2", "w-10")]
    [InlineData("shorter prefix first", "w", "w-1")]
    [InlineData("text before digits by ordinal", "a-1", "b-0")]
    [InlineData("leading zeros tie on value, then ordinal", "n-01", "n-1")]
    [InlineData("numbers longer than a long", "n-99999999999999999999", "n-100000000000000000000")]
    public void Compare_OrdersAsAPersonCounts(string why, string first, string second)
    {
        NaturalStringComparer.Instance.Compare(first, second).ShouldBeLessThan(0, why);
        NaturalStringComparer.Instance.Compare(second, first).ShouldBeGreaterThan(0, why);
        NaturalStringComparer.Instance.Compare(first, first).ShouldBe(0, why);
    }
}
