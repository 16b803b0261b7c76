using System.Globalization;

namespace Simulator.Kubernetes.Views;

/// <summary>kubectl's age rendering: apimachinery's <c>duration.HumanDuration</c>, as used by the AGE column and describe's event ages.</summary>
public static class KubectlAge
{
    /// <summary>Formats an age the way kubectl does: <c>45s</c>, <c>2m30s</c>, <c>90m</c>, <c>3h5m</c>, <c>2d</c>, <c>2y3d</c>.</summary>
    /// <remarks>
    /// Precision falls as the age grows: seconds below 2 minutes, minutes and seconds below 10 minutes, minutes below 3 hours,
    /// hours and minutes below 8 hours, hours below 2 days, days and hours below 8 days, days below 2 years, years and days
    /// below 8 years, then years. Like apimachinery, an age between -2 and 0 seconds (exclusive) prints as <c>0s</c> to
    /// tolerate clock skew, and anything more negative is <c>&lt;invalid&gt;</c>. Every unit is truncated, never rounded.
    /// </remarks>
    /// <param name="age">The age (now minus the timestamp).</param>
    /// <returns>The rendering.</returns>
    public static string Format(TimeSpan age)
    {
        // Go truncates toward zero when it converts the duration to whole seconds.
        var seconds = (long)(age.Ticks / TimeSpan.TicksPerSecond);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return Invariant($"{seconds}s");
        }

        var minutes = age.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{s}s");
        }

        if (minutes < 60 * 3)
        {
            return Invariant($"{minutes}m");
        }

        var hours = age.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{m}m");
        }

        if (hours < 48)
        {
            return Invariant($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Invariant($"{hours / 24}d") : Invariant($"{hours / 24}d{h}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Invariant($"{hours / 24}d");
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? Invariant($"{hours / 24 / 365}y") : Invariant($"{hours / 24 / 365}y{days}d");
        }

        return Invariant($"{hours / 24 / 365}y");
    }

    /// <summary>The age of <paramref name="timestamp"/> at <paramref name="now"/>.</summary>
    internal static string Since(Engine.SimTime timestamp, Engine.SimTime now) => Format(now - timestamp);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
