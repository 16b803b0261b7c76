using Simulator.Engine;

namespace Simulator.Plotting;

/// <summary>One point of a <see cref="RolloutTimeline"/>: a DaemonSet's status counters from the moment they changed.</summary>
/// <param name="Seconds">Simulated seconds since the timeline's <see cref="RolloutTimeline.Origin"/>.</param>
/// <param name="Time">The simulated instant.</param>
/// <param name="Desired">desiredNumberScheduled: nodes that should run a daemon pod.</param>
/// <param name="Current">currentNumberScheduled: nodes that run at least one daemon pod they should run.</param>
/// <param name="Updated">updatedNumberScheduled: nodes that run a pod of the current template.</param>
/// <param name="Ready">numberReady: nodes whose daemon pod is Ready.</param>
/// <param name="Available">numberAvailable: nodes whose daemon pod has been Ready for minReadySeconds.</param>
/// <param name="Unavailable">numberUnavailable: desired nodes without an available daemon pod.</param>
public sealed record RolloutTimelinePoint(double Seconds, SimTime Time, int Desired, int Current, int Updated, int Ready, int Available, int Unavailable);

/// <summary>Where one rollout starts and ends on a <see cref="RolloutTimeline"/>.</summary>
/// <param name="TemplateGeneration">The template generation rolled out (1 for the DaemonSet's creation).</param>
/// <param name="StartSeconds">Simulated seconds from the origin to the template change.</param>
/// <param name="CompletedSeconds">Simulated seconds from the origin to the end of the rollout, or null while it runs or when it was superseded.</param>
/// <param name="MaxUnavailable">The most desired nodes without an available pod at any moment of the rollout.</param>
public sealed record RolloutMark(long TemplateGeneration, double StartSeconds, double? CompletedSeconds, int MaxUnavailable)
{
    /// <summary>How long the rollout took in simulated seconds, when it completed.</summary>
    public double? DurationSeconds => CompletedSeconds - StartSeconds;
}

/// <summary>
/// A DaemonSet's rollout over simulated time, ready to plot: its status counters at every change
/// (<see cref="Simulation.GetRollouts"/>) and the start and completion of each rollout.
/// </summary>
/// <remarks>
/// Times are simulated seconds since <see cref="Origin"/>, which by default is the simulation's start
/// (<see cref="SimulationOptions.Start"/>); pass another origin (for example a rollout's start) to measure from there. Points before
/// the origin keep their negative offsets. Points are in time order, as the simulation recorded them; the counters hold from one
/// point until the next (a step function), and the last values hold until <see cref="EndSeconds"/>.
/// </remarks>
public sealed class RolloutTimeline
{
    private RolloutTimeline(string ns, string name, SimTime origin, double endSeconds, IReadOnlyList<RolloutTimelinePoint> points, IReadOnlyList<RolloutMark> rollouts)
    {
        Namespace = ns;
        Name = name;
        Origin = origin;
        EndSeconds = endSeconds;
        Points = points;
        Rollouts = rollouts;
    }

    /// <summary>The DaemonSet's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The DaemonSet's name.</summary>
    public string Name { get; }

    /// <summary>The instant that is second 0 of the timeline.</summary>
    public SimTime Origin { get; }

    /// <summary>Simulated seconds from the origin to the moment the timeline was taken (the simulation's now), at least the last point's.</summary>
    public double EndSeconds { get; }

    /// <summary>The status counters at every change, in time order.</summary>
    public IReadOnlyList<RolloutTimelinePoint> Points { get; }

    /// <summary>Every rollout of the DaemonSet, oldest first (the first one is its creation).</summary>
    public IReadOnlyList<RolloutMark> Rollouts { get; }

    /// <summary>Takes the timeline of the DaemonSet <paramref name="ns"/>/<paramref name="name"/> from a simulation.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="ns">The DaemonSet's namespace.</param>
    /// <param name="name">The DaemonSet's name.</param>
    /// <param name="origin">Second 0 of the timeline; the simulation's start (<see cref="SimulationOptions.Start"/>) when null.</param>
    /// <returns>The timeline.</returns>
    /// <exception cref="Validation.ApiException">The DaemonSet does not exist (NotFound, as <see cref="Simulation.GetRollouts"/> reports it).</exception>
    public static RolloutTimeline From(Simulation simulation, string ns, string name, SimTime? origin = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var history = simulation.GetRollouts(ns, name);
        return From(history, ns, name, origin ?? simulation.Options.Start, simulation.Now);
    }

    /// <summary>Builds a timeline from a rollout history already taken.</summary>
    /// <param name="history">The history (<see cref="Simulation.GetRollouts"/>).</param>
    /// <param name="ns">The DaemonSet's namespace.</param>
    /// <param name="name">The DaemonSet's name.</param>
    /// <param name="origin">Second 0 of the timeline.</param>
    /// <param name="end">When the history was taken (the last counters hold until then); the last point's time when earlier.</param>
    /// <returns>The timeline.</returns>
    public static RolloutTimeline From(RolloutHistory history, string ns, string name, SimTime origin, SimTime end)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(name);
        var points = history.Timeline
            .Select(s => new RolloutTimelinePoint(Seconds(s.Time, origin), s.Time, s.Desired, s.Current, s.Updated, s.Ready, s.Available, s.Unavailable))
            .ToArray();
        var rollouts = history.Rollouts
            .Select(r => new RolloutMark(r.TemplateGeneration, Seconds(r.Started, origin), r.Completed is { } done ? Seconds(done, origin) : null, r.MaxUnavailable))
            .ToArray();
        var endSeconds = Seconds(end, origin);
        if (points.Length > 0)
        {
            endSeconds = Math.Max(endSeconds, points[^1].Seconds);
        }

        return new RolloutTimeline(ns, name, origin, endSeconds, points, rollouts);
    }

    /// <summary>The counters in force at <paramref name="seconds"/> (the last point at or before it), or null before the first point.</summary>
    /// <param name="seconds">Simulated seconds since the origin.</param>
    /// <returns>The point, or null.</returns>
    public RolloutTimelinePoint? At(double seconds)
    {
        RolloutTimelinePoint? found = null;
        foreach (var point in Points)
        {
            if (point.Seconds > seconds)
            {
                break;
            }

            found = point;
        }

        return found;
    }

    private static double Seconds(SimTime time, SimTime origin) => (time.UnixMilliseconds - origin.UnixMilliseconds) / 1000.0;
}
