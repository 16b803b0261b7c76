using System.Globalization;
using Simulator.Controllers;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Engine;

/// <summary>Whether a run reached a quiet cluster.</summary>
/// <param name="Settled">True when no controller had work left and no event was due.</param>
/// <param name="Time">The simulation time reached.</param>
/// <param name="Steps">How many queued events were processed.</param>
public readonly record struct SettleResult(bool Settled, SimTime Time, long Steps);

/// <summary>
/// A simulated cluster: an API (create, update, delete objects, with validation, defaulting and admission), controllers (DaemonSet,
/// node lifecycle, taint eviction, pod GC), a scheduler and kubelets, all driven by a virtual event clock.
/// </summary>
/// <remarks>
/// <para>Time moves only when queued events are processed: events are ordered by (time, phase, insertion sequence). API calls take
/// effect at <see cref="Now"/> and queue the controllers' reaction; call <see cref="RunUntilSettled"/>, <see cref="RunFor"/> or
/// <see cref="Step"/> to let the cluster react.</para>
/// <para>Determinism: the same options, seed and calls give the same <see cref="State"/> and a byte-identical <see cref="Events"/> log.</para>
/// <para>Not thread-safe: one simulation belongs to one thread at a time. Independent simulations share nothing.</para>
/// </remarks>
public sealed partial class Simulation
{
    private const int PhaseTimer = 0;
    private const int PhaseReconcile = 1;

    private readonly PriorityQueue<QueuedEvent, (long Time, int Phase, long Sequence)> _queue = new();
    private readonly List<ClusterEvent> _events = [];
    private readonly Dictionary<EventKey, int> _eventIndex = [];
    private readonly DaemonSetController _daemonSets;
    private readonly SchedulingQueue _scheduling;
    private readonly NodeLifecycleController _nodeLifecycle;
    private readonly TaintEvictionController _taintEviction;
    private readonly Kubelet _kubelet;
    private readonly SameSecondCache<(string Type, string Status), PodCondition> _conditions = new();
    private long _sequence;
    private bool _reconcileQueued;

    /// <summary>Creates an empty cluster (namespaces <c>default</c> and <c>kube-*</c>, the built-in priority classes, no nodes).</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public Simulation(SimulationOptions? options = null)
    {
        Options = options ?? new SimulationOptions();
        Random = new SimRandom(Options.Seed);
        State = ClusterState.Empty(Options.Start.TruncateToSeconds());
        _daemonSets = new DaemonSetController(this);
        _scheduling = new SchedulingQueue(this);
        _nodeLifecycle = new NodeLifecycleController(this);
        _taintEviction = new TaintEvictionController(this);
        _kubelet = new Kubelet(this);
    }

    /// <summary>The settings.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The current simulation time.</summary>
    public SimTime Now => State.Now;

    /// <summary>The current cluster snapshot (immutable; keep it to compare with later ones).</summary>
    public ClusterState State { get; private set; }

    /// <summary>The event log, in order of first occurrence (aggregated events update their count in place).</summary>
    public IReadOnlyList<ClusterEvent> Events => _events;

    /// <summary>How many events are queued on the clock.</summary>
    public int PendingEvents => _queue.Count;

    /// <summary>The seeded generator every random choice draws from.</summary>
    internal SimRandom Random { get; }

    /// <summary>How many (node, DaemonSet) eligibility checks the DaemonSet controller has made so far.</summary>
    public long ShouldRunEvaluations => _daemonSets.Evaluations;

    /// <summary>Processes the next queued event, moving the clock to its time.</summary>
    /// <returns>False when nothing was queued.</returns>
    public bool Step()
    {
        if (!_queue.TryDequeue(out var next, out var priority))
        {
            return false;
        }

        State = State.WithNow(new SimTime(priority.Time));
        next.Run(this);
        return true;
    }

    /// <summary>Processes every event due at or before <paramref name="time"/>, then moves the clock to it.</summary>
    /// <param name="time">The target time (not before <see cref="Now"/>).</param>
    /// <returns>How many events were processed.</returns>
    public long RunUntil(SimTime time)
    {
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot run backwards from {Now}.");
        }

        long steps = 0;
        long stepsThisInstant = 0;
        while (_queue.TryPeek(out _, out var priority) && priority.Time <= time.UnixMilliseconds)
        {
            stepsThisInstant = priority.Time == Now.UnixMilliseconds ? stepsThisInstant + 1 : 0;
            if (stepsThisInstant > Options.MaxEventsPerInstant)
            {
                throw new InvalidOperationException($"The simulation does not advance past {Now}: more than {Options.MaxEventsPerInstant:N0} events at one instant (a loop such as pods evicted and recreated without delay).");
            }

            Step();
            steps++;
        }

        State = State.WithNow(time);
        return steps;
    }

    /// <summary>Runs the clock forward by <paramref name="duration"/>.</summary>
    /// <param name="duration">How long.</param>
    /// <returns>How many events were processed.</returns>
    public long RunFor(TimeSpan duration) => RunUntil(Now + duration);

    /// <summary>Runs until no event is queued (the cluster is quiet) or <paramref name="maxDuration"/> of simulated time has passed.</summary>
    /// <param name="maxDuration">The cap (default 24 hours).</param>
    /// <param name="progress">Told every 10,000 steps how far the run got (for progress displays on long runs).</param>
    /// <returns>Whether the cluster settled, and when.</returns>
    public SettleResult RunUntilSettled(TimeSpan? maxDuration = null, IProgress<SettleResult>? progress = null)
    {
        var deadline = Now + (maxDuration ?? TimeSpan.FromHours(24));
        long steps = 0;
        long stepsThisInstant = 0;
        while (_queue.TryPeek(out _, out var priority))
        {
            if (priority.Time > deadline.UnixMilliseconds)
            {
                State = State.WithNow(deadline);
                return new SettleResult(false, Now, steps);
            }

            // A loop that never lets time pass (e.g. pods evicted with tolerationSeconds 0 and grace 0, recreated at once) can
            // never settle; in a real cluster each round takes time. Report it instead of spinning.
            stepsThisInstant = priority.Time == Now.UnixMilliseconds ? stepsThisInstant + 1 : 0;
            if (stepsThisInstant > Options.MaxEventsPerInstant)
            {
                return new SettleResult(false, Now, steps);
            }

            Step();
            steps++;
            if (progress is not null && steps % 10_000 == 0)
            {
                progress.Report(new SettleResult(false, Now, steps));
            }
        }

        return new SettleResult(true, Now, steps);
    }

    /// <summary>Queues an action at a later time (timers: kubelet start, termination, back-off, availability checks).</summary>
    internal void At(SimTime time, Action<Simulation> action)
    {
        if (time < Now)
        {
            time = Now;
        }

        _queue.Enqueue(new QueuedEvent(action), (time.UnixMilliseconds, PhaseTimer, _sequence++));
    }

    /// <summary>Makes sure the controllers and the scheduler get to run at the current time.</summary>
    internal void RequestReconcile()
    {
        if (_reconcileQueued)
        {
            return;
        }

        _reconcileQueued = true;
        _queue.Enqueue(new QueuedEvent(static sim => sim.Reconcile()), (Now.UnixMilliseconds, PhaseReconcile, _sequence++));
    }

    /// <summary>Runs every controller until none has work at this instant.</summary>
    private void Reconcile()
    {
        _reconcileQueued = false;
        for (var round = 0; round < 10_000; round++)
        {
            var worked = _nodeLifecycle.Process();
            worked |= _daemonSets.Process();
            worked |= _taintEviction.Process();
            worked |= _scheduling.Process();
            if (!worked)
            {
                return;
            }
        }

        throw new InvalidOperationException("Controllers did not converge within 10,000 rounds at " + Now + "; this is a simulator bug.");
    }

    /// <summary>Records an event, aggregating it with an identical earlier one as the Kubernetes event recorder does.</summary>
    internal void Record(ObjectReference involved, string type, string reason, string message, string source)
    {
        var key = new EventKey(source, involved.Kind, involved.Namespace, involved.Name, involved.Uid, type, reason, message);
        if (_eventIndex.TryGetValue(key, out var index))
        {
            var existing = _events[index];
            _events[index] = existing with { Count = existing.Count + 1, LastTimestamp = Now.TruncateToSeconds() };
            return;
        }

        _eventIndex[key] = _events.Count;
        var time = Now.TruncateToSeconds();
        _events.Add(new ClusterEvent(_events.Count + 1, type, reason, message, involved, source, time, time, 1));
    }

    /// <summary>A new uid from the seeded generator, in UUID form.</summary>
    internal string NewUid()
    {
        var a = Random.NextUInt64();
        var b = Random.NextUInt64();
        var hex = a.ToString("x16", CultureInfo.InvariantCulture) + b.ToString("x16", CultureInfo.InvariantCulture);
        return $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-{"89ab"[(int)(b >> 60) & 3]}{hex[17..20]}-{hex[20..32]}";
    }

    // --- Internal writes: every change to the state goes through these, so that controllers hear about it. ---

    internal void PutPod(Pod pod)
    {
        var old = State.Pods.GetValueOrDefault(pod.Key);
        pod = pod with { Metadata = pod.Metadata with { ResourceVersion = (old?.Metadata.ResourceVersion ?? 0) + 1 } };
        State = State.WithPod(pod);
        OnPodChanged(old, pod);
    }

    internal void RemovePod(string key)
    {
        var old = State.Pods.GetValueOrDefault(key);
        if (old is null)
        {
            return;
        }

        State = State.WithoutPod(key);
        _boundAtCreation.Remove(old.Metadata.Uid);
        OnPodChanged(old, null);
    }

    internal void PutNode(Node node)
    {
        var old = State.GetNode(node.Name);
        node = node with { Metadata = node.Metadata with { ResourceVersion = (old?.Metadata.ResourceVersion ?? 0) + 1 } };
        State = State.WithNode(node);
        OnNodeChanged(old, node);
    }

    internal void PutDaemonSet(DaemonSet ds, bool specChanged)
    {
        var old = State.DaemonSets.GetValueOrDefault(ds.Key);
        ds = ds with { Metadata = ds.Metadata with { ResourceVersion = (old?.Metadata.ResourceVersion ?? 0) + 1 } };
        State = State.WithDaemonSet(ds);
        if (specChanged)
        {
            _daemonSets.OnDaemonSetChanged(ds.Key);
            RequestReconcile();
        }
    }

    private void OnPodChanged(Pod? old, Pod? current)
    {
        _daemonSets.OnPodChanged(old, current);
        _scheduling.OnPodChanged(old, current);
        _taintEviction.OnPodChanged(old, current);
        _kubelet.OnPodChanged(old, current);
        _daemonSets.OnDependentChanged(old, current);
        RequestReconcile();
    }

    private void OnNodeChanged(Node? old, Node? current)
    {
        var name = (current ?? old)!.Name;
        _nodeLifecycle.OnNodeChanged(name);
        _daemonSets.OnNodeChanged(name);
        _scheduling.OnNodeChanged(name);
        _taintEviction.OnNodeChanged(old, current);
        RequestReconcile();
    }

    private readonly record struct QueuedEvent(Action<Simulation> Run);

    /// <summary>What makes two events the same event for aggregation (the recorder's aggregation key).</summary>
    private readonly record struct EventKey(string Source, string Kind, string Namespace, string Name, string Uid, string Type, string Reason, string Message);
}
