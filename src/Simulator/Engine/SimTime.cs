using System.Globalization;

namespace Simulator.Engine;

/// <summary>
/// An instant on the simulation clock, in whole milliseconds since the Unix epoch.
/// </summary>
/// <remarks>
/// Only the simulation owns "now"; nothing in the core reads the machine's clock.
/// Kubernetes serialises timestamps with second precision; the simulator keeps milliseconds so that
/// sub-second latencies order correctly, and prints RFC 3339 with seconds.
/// </remarks>
/// <param name="UnixMilliseconds">Milliseconds since 1970-01-01T00:00:00Z.</param>
public readonly record struct SimTime(long UnixMilliseconds) : IComparable<SimTime>
{
    /// <summary>The default start of a simulation: 2025-01-01T00:00:00Z.</summary>
    public static SimTime DefaultStart { get; } = FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Converts a calendar instant.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The simulation time.</returns>
    public static SimTime FromDateTimeOffset(DateTimeOffset value) => new(value.ToUnixTimeMilliseconds());

    /// <summary>Parses an RFC 3339 timestamp such as <c>2025-01-01T00:00:00Z</c>.</summary>
    /// <param name="text">The timestamp.</param>
    /// <returns>The simulation time.</returns>
    public static SimTime Parse(string text) =>
        FromDateTimeOffset(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    /// <summary>
    /// The instant with milliseconds dropped. The API server stores timestamps with second precision, so controllers compare
    /// creation and transition times at that precision; the simulation does the same where they do.
    /// </summary>
    /// <returns>The truncated instant.</returns>
    public SimTime TruncateToSeconds() => new(UnixMilliseconds - (((UnixMilliseconds % 1000) + 1000) % 1000));

    /// <summary>The instant as a calendar value (UTC).</summary>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeMilliseconds(UnixMilliseconds);

    /// <summary>
    /// A duration of <paramref name="seconds"/> for API fields in whole seconds (grace periods, tolerationSeconds), clamped to about
    /// a century: Kubernetes accepts any int64 there, and a longer wait never ends within a simulation anyway.
    /// </summary>
    /// <param name="seconds">The seconds (negative counts as zero).</param>
    /// <returns>The duration.</returns>
    public static TimeSpan Seconds(long seconds) => TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 100L * 366 * 24 * 3600));

    /// <summary>Adds a duration.</summary>
    public static SimTime operator +(SimTime time, TimeSpan duration) => new(checked(time.UnixMilliseconds + (long)duration.TotalMilliseconds));

    /// <summary>Subtracts a duration.</summary>
    public static SimTime operator -(SimTime time, TimeSpan duration) => new(checked(time.UnixMilliseconds - (long)duration.TotalMilliseconds));

    /// <summary>The duration between two instants.</summary>
    public static TimeSpan operator -(SimTime later, SimTime earlier) => TimeSpan.FromMilliseconds(later.UnixMilliseconds - earlier.UnixMilliseconds);

    /// <summary>Earlier than.</summary>
    public static bool operator <(SimTime left, SimTime right) => left.UnixMilliseconds < right.UnixMilliseconds;

    /// <summary>Later than.</summary>
    public static bool operator >(SimTime left, SimTime right) => left.UnixMilliseconds > right.UnixMilliseconds;

    /// <summary>Earlier than or equal.</summary>
    public static bool operator <=(SimTime left, SimTime right) => left.UnixMilliseconds <= right.UnixMilliseconds;

    /// <summary>Later than or equal.</summary>
    public static bool operator >=(SimTime left, SimTime right) => left.UnixMilliseconds >= right.UnixMilliseconds;

    /// <inheritdoc/>
    public int CompareTo(SimTime other) => UnixMilliseconds.CompareTo(other.UnixMilliseconds);

    /// <summary>RFC 3339 with second precision, as Kubernetes prints timestamps.</summary>
    /// <returns>For example <c>2025-01-01T00:00:00Z</c>.</returns>
    public override string ToString() => ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
