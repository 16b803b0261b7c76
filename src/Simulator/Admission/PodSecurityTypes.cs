namespace Simulator.Admission;

/// <summary>The Pod Security Standards levels, from least to most restrictive.</summary>
/// <remarks>The declaration order is the order of strictness, so levels compare with <c>&lt;</c> and <c>&gt;</c>.</remarks>
public enum PodSecurityLevel
{
    /// <summary>Unrestricted: no checks run (label value <c>privileged</c>).</summary>
    Privileged,

    /// <summary>Prevents known privilege escalations (label value <c>baseline</c>).</summary>
    Baseline,

    /// <summary>Baseline plus current hardening best practice (label value <c>restricted</c>).</summary>
    Restricted,
}

/// <summary>One failed Pod Security check, worded as Kubernetes words it.</summary>
/// <param name="Reason">The short reason, e.g. <c>host namespaces</c>; always printed.</param>
/// <param name="Detail">What exactly is wrong, e.g. <c>hostNetwork=true</c>; printed in parentheses after the reason when not empty.</param>
public sealed record PodSecurityViolation(string Reason, string Detail);

/// <summary>A level pinned to a policy version, e.g. <c>baseline:latest</c> or <c>restricted:v1.24</c>.</summary>
/// <param name="Level">The level.</param>
/// <param name="Version"><c>latest</c> or <c>v1.N</c>, as written in the namespace label.</param>
public sealed record PodSecurityMode(PodSecurityLevel Level, string Version)
{
    /// <summary>The version that always means the newest policy.</summary>
    public const string LatestVersion = "latest";

    /// <summary>The default mode: <c>privileged:latest</c>, used when a namespace sets no label.</summary>
    public static PodSecurityMode PrivilegedLatest { get; } = new(PodSecurityLevel.Privileged, LatestVersion);

    /// <summary>The given level at <c>latest</c>.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The mode.</returns>
    public static PodSecurityMode Latest(PodSecurityLevel level) => new(level, LatestVersion);

    /// <summary>Renders the mode as Kubernetes prints a level and version: <c>baseline:latest</c>.</summary>
    /// <returns>The rendering.</returns>
    public override string ToString() => PodSecurityLabels.LevelName(Level) + ":" + Version;
}

/// <summary>The namespace labels that configure Pod Security admission, and their values.</summary>
public static class PodSecurityLabels
{
    /// <summary>The level that rejects violating pods.</summary>
    public const string Enforce = "pod-security.kubernetes.io/enforce";

    /// <summary>The policy version for <see cref="Enforce"/>.</summary>
    public const string EnforceVersion = "pod-security.kubernetes.io/enforce-version";

    /// <summary>The level that records violations in the audit log.</summary>
    public const string Audit = "pod-security.kubernetes.io/audit";

    /// <summary>The policy version for <see cref="Audit"/>.</summary>
    public const string AuditVersion = "pod-security.kubernetes.io/audit-version";

    /// <summary>The level that returns warnings to the client.</summary>
    public const string Warn = "pod-security.kubernetes.io/warn";

    /// <summary>The policy version for <see cref="Warn"/>.</summary>
    public const string WarnVersion = "pod-security.kubernetes.io/warn-version";

    /// <summary>The label value of a level: <c>privileged</c>, <c>baseline</c> or <c>restricted</c>.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The value.</returns>
    public static string LevelName(PodSecurityLevel level) => level switch
    {
        PodSecurityLevel.Privileged => "privileged",
        PodSecurityLevel.Baseline => "baseline",
        PodSecurityLevel.Restricted => "restricted",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown Pod Security level."),
    };

    /// <summary>Parses a level label value (exact, case-sensitive, as Kubernetes does).</summary>
    /// <param name="value">The label value.</param>
    /// <param name="level">The level, or <see cref="PodSecurityLevel.Restricted"/> when the value is invalid (Kubernetes' fallback).</param>
    /// <returns>True when the value names a level.</returns>
    public static bool TryParseLevel(string value, out PodSecurityLevel level)
    {
        switch (value)
        {
            case "privileged": level = PodSecurityLevel.Privileged; return true;
            case "baseline": level = PodSecurityLevel.Baseline; return true;
            case "restricted": level = PodSecurityLevel.Restricted; return true;
            default: level = PodSecurityLevel.Restricted; return false;
        }
    }

    /// <summary>
    /// Parses a version label value: <c>latest</c>, or <c>v1.</c> followed by a minor number without leading zeros.
    /// </summary>
    /// <param name="value">The label value.</param>
    /// <param name="minor">The minor version; <see cref="int.MaxValue"/> for <c>latest</c> and for invalid values (Kubernetes falls back to latest).</param>
    /// <returns>True when the value is a valid version.</returns>
    /// <remarks>Kubernetes matches <c>^v1\.([0-9]|[1-9][0-9]*)$</c>; so do we, without .NET's habit of letting <c>$</c> match before a final newline.</remarks>
    public static bool TryParseVersion(string value, out int minor)
    {
        minor = int.MaxValue;
        if (value == PodSecurityMode.LatestVersion)
        {
            return true;
        }

        if (!value.StartsWith("v1.", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = value.AsSpan(3);
        if (digits.Length == 0 || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        // Go's strconv.Atoi fails on overflow, which Kubernetes treats as invalid.
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        minor = parsed;
        return true;
    }
}
