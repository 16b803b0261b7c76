using System.Globalization;
using System.Text.RegularExpressions;

namespace Simulator.Cli.Scripting;

/// <summary>Go-style durations as kubectl and kubesim scripts write them: <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c>, <c>2d</c>.</summary>
internal static partial class Durations
{
    public static TimeSpan Parse(string text)
    {
        var matches = Part().Matches(text);
        if (text.Length == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            throw new CommandException($"error: invalid duration \"{text}\": use a number and a unit, e.g. 30s, 5m, 1h30m, 500ms");
        }

        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        return total;
    }

    /// <summary>The shortest Go rendering: <c>1h30m0s</c> style is noisy, so whole units print as <c>1h30m</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        if ((int)span.TotalHours > 0)
        {
            parts.Add(((long)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (span.Minutes > 0)
        {
            parts.Add(span.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (span.Seconds > 0 || span.Milliseconds > 0)
        {
            parts.Add(span.Milliseconds > 0
                ? (span.Seconds + span.Milliseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s"
                : span.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        return string.Concat(parts);
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)")]
    private static partial Regex Part();
}
