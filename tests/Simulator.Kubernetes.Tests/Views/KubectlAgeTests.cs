using Simulator.Kubernetes.Views;

namespace Simulator.Kubernetes.Tests.Views;

public class KubectlAgeTests
{
    [Theory]
    [InlineData("zero is 0s", 0L, "0s")]
    [InlineData("under a second truncates to 0s", 999L, "0s")]
    [InlineData("59 seconds", 59_000L, "59s")]
    [InlineData("seconds are kept up to two minutes", 119_000L, "119s")]
    [InlineData("two minutes exactly", 120_000L, "2m")]
    [InlineData("minutes and seconds below ten minutes", 150_000L, "2m30s")]
    [InlineData("9m59s", 599_000L, "9m59s")]
    [InlineData("whole minutes from ten minutes", 630_000L, "10m")]
    [InlineData("90 minutes stay minutes", 5_400_000L, "90m")]
    [InlineData("three hours", 10_800_000L, "3h")]
    [InlineData("hours and minutes below eight hours", 11_100_000L, "3h5m")]
    [InlineData("whole hours below two days", 86_400_000L, "24h")]
    [InlineData("two days", 172_800_000L, "2d")]
    [InlineData("days and hours below eight days", 183_600_000L, "2d3h")]
    [InlineData("whole days below two years", 34_560_000_000L, "400d")]
    [InlineData("years and days below eight years", 63_936_000_000L, "2y10d")]
    [InlineData("whole years from eight years", 315_360_000_000L, "10y")]
    [InlineData("a second of clock skew is forgiven", -1_500L, "0s")]
    [InlineData("two seconds in the future is invalid", -2_000L, "<invalid>")]
    [InlineData("far in the future is invalid", -300_000L, "<invalid>")]
    public void Format_Table_MatchesHumanDuration(string description, long milliseconds, string expected)
    {
        _ = description;
        KubectlAge.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);
    }
}
