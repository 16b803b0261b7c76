namespace Simulator.Engine;

/// <summary>One point of a DaemonSet's rollout timeline: its status counters at a moment they changed.</summary>
/// <param name="Time">When.</param>
/// <param name="Desired">desiredNumberScheduled.</param>
/// <param name="Current">currentNumberScheduled.</param>
/// <param name="Updated">updatedNumberScheduled.</param>
/// <param name="Ready">numberReady.</param>
/// <param name="Available">numberAvailable.</param>
/// <param name="Unavailable">numberUnavailable.</param>
public sealed record RolloutSample(SimTime Time, int Desired, int Current, int Updated, int Ready, int Available, int Unavailable);

/// <summary>One rollout: from a template change (or the DaemonSet's creation) until every desired node runs an available, updated pod.</summary>
/// <param name="TemplateGeneration">The template generation rolled out.</param>
/// <param name="Started">When the template changed.</param>
/// <param name="Completed">When the rollout finished, or null while it runs (or was superseded).</param>
/// <param name="MaxUnavailable">The most desired nodes without an available pod at any moment of the rollout (numberUnavailable).</param>
public sealed record Rollout(long TemplateGeneration, SimTime Started, SimTime? Completed, int MaxUnavailable)
{
    /// <summary>How long it took, when completed.</summary>
    public TimeSpan? Duration => Completed - Started;
}

/// <summary>A DaemonSet's rollouts and the timeline of its status counters.</summary>
/// <param name="Timeline">Every change of the counters, in time order.</param>
/// <param name="Rollouts">Every rollout, oldest first.</param>
public sealed record RolloutHistory(IReadOnlyList<RolloutSample> Timeline, IReadOnlyList<Rollout> Rollouts);

/// <summary><c>kubectl rollout status</c>'s answer.</summary>
/// <param name="Message">The line kubectl prints.</param>
/// <param name="Done">Whether the rollout is finished.</param>
public readonly record struct RolloutStatus(string Message, bool Done);

/// <summary>Records rollouts as DaemonSet statuses are written.</summary>
internal sealed class RolloutRecorder
{
    private readonly Dictionary<string, (List<RolloutSample> Timeline, List<Rollout> Rollouts)> _byUid = new(StringComparer.Ordinal);

    public void Started(string uid, long templateGeneration, SimTime now)
    {
        var entry = Entry(uid);
        if (entry.Rollouts.Count > 0 && entry.Rollouts[^1].Completed is null && entry.Rollouts[^1].TemplateGeneration == templateGeneration)
        {
            return;
        }

        entry.Rollouts.Add(new Rollout(templateGeneration, now, null, 0));
    }

    public void StatusWritten(string uid, Model.DaemonSet ds, SimTime now, bool complete)
    {
        var entry = Entry(uid);
        var s = ds.Status;
        var sample = new RolloutSample(now, s.DesiredNumberScheduled, s.CurrentNumberScheduled, s.UpdatedNumberScheduled, s.NumberReady, s.NumberAvailable, s.NumberUnavailable);
        if (entry.Timeline.Count == 0 || entry.Timeline[^1] with { Time = now } != sample)
        {
            entry.Timeline.Add(sample);
        }

        if (entry.Rollouts.Count == 0)
        {
            return;
        }

        var last = entry.Rollouts[^1];
        if (last.Completed is not null)
        {
            return;
        }

        last = last with { MaxUnavailable = Math.Max(last.MaxUnavailable, s.NumberUnavailable) };
        if (complete)
        {
            last = last with { Completed = now };
        }

        entry.Rollouts[^1] = last;
    }

    public RolloutHistory Get(string uid) =>
        _byUid.TryGetValue(uid, out var entry) ? new RolloutHistory(entry.Timeline.ToArray(), entry.Rollouts.ToArray()) : new RolloutHistory([], []);

    private (List<RolloutSample> Timeline, List<Rollout> Rollouts) Entry(string uid)
    {
        if (!_byUid.TryGetValue(uid, out var entry))
        {
            entry = ([], []);
            _byUid[uid] = entry;
        }

        return entry;
    }
}
