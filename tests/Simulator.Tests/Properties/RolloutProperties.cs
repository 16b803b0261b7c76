using FsCheck.Xunit;
using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Tests.Properties;

/// <summary>How often a run stops to let the properties look: at op boundaries only, after every queued event, or every tick of simulated time.</summary>
public enum Granularity
{
    Ops,
    Steps,
    Ticks,
}

/// <summary>Callbacks of a rollout run.</summary>
/// <param name="Observe">After every event (Steps) or tick (Ticks) while ops run and during the final settle.</param>
/// <param name="AtBoundary">Before every op and once at the end.</param>
/// <param name="Deleting">Just before the run deletes a pod itself.</param>
public sealed record RolloutHooks(Action<Simulation>? Observe = null, Action<Simulation>? AtBoundary = null, Action<Pod>? Deleting = null);

/// <summary>Runs a <see cref="RolloutScenario"/>: creates the cluster, rolls the DaemonSets out fully, then applies the ops.</summary>
public static class RolloutRunner
{
    /// <summary>Longer than any generated minReadySeconds: a settled cluster is looked at again once every pod could be available.</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(60);

    /// <summary>How long a mid-scenario <see cref="WaitForRollout"/> waits at most (a slow rollout is still running afterwards).</summary>
    public static readonly TimeSpan MidwayCap = TimeSpan.FromMinutes(10);

    /// <summary>Cap of the first and the final settle (one pod at a time over 540 nodes with 30 s terminations takes hours).</summary>
    public static readonly TimeSpan FinalCap = TimeSpan.FromHours(72);

    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    /// <summary>The options <see cref="Start"/> builds the simulation with by default: the scenario's seed and kubelet timings.</summary>
    public static SimulationOptions Options(RolloutScenario scenario) => new() { Seed = scenario.Seed, Kubelet = scenario.Kubelet.ToOptions() };

    /// <summary>A cluster where every DaemonSet is fully rolled out and available.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">The simulation's options; <see cref="Options"/> when null.</param>
    public static Simulation Start(RolloutScenario scenario, SimulationOptions? options = null)
    {
        var sim = new Simulation(options ?? Options(scenario));
        sim.FailImage(RolloutArbitraries.BadImage);
        foreach (var node in scenario.Nodes)
        {
            sim.CreateNode(node.ToNode());
        }

        foreach (var ds in scenario.DaemonSets)
        {
            sim.CreateDaemonSet((ds with { Image = GoodImage(ds.Image) }).ToDaemonSet());
        }

        var settled = sim.RunUntilSettled(FinalCap);
        if (!settled.Settled)
        {
            throw new InvalidOperationException($"The initial rollout did not settle within {FinalCap} (reached {settled.Time}).");
        }

        sim.RunFor(QuietWindow);
        return sim;
    }

    /// <summary>Applies the ops, then makes every image pullable and settles.</summary>
    public static void Run(Simulation sim, RolloutScenario scenario, Granularity granularity, RolloutHooks hooks)
    {
        foreach (var op in scenario.Ops)
        {
            hooks.AtBoundary?.Invoke(sim);
            Apply(sim, scenario, op, granularity, hooks);
        }

        foreach (var ds in scenario.DaemonSets)
        {
            var stored = sim.State.GetDaemonSet("default", ds.Name)!;
            if (stored.Spec.Template.Spec.Containers[0].Image == RolloutArbitraries.BadImage)
            {
                sim.UpdateDaemonSet(WithImage(stored, RolloutArbitraries.GoodImages[0]));
            }
        }

        if (!Settle(sim, FinalCap, granularity, hooks))
        {
            throw new InvalidOperationException($"The cluster did not settle within {FinalCap} after the last op (reached {sim.Now}).");
        }

        Advance(sim, sim.Now + QuietWindow, granularity, hooks);
        hooks.AtBoundary?.Invoke(sim);
    }

    public static DaemonSet WithImage(DaemonSet stored, string image) => stored with
    {
        Spec = stored.Spec with
        {
            Template = stored.Spec.Template with
            {
                Spec = stored.Spec.Template.Spec with
                {
                    Containers = stored.Spec.Template.Spec.Containers.Items.SetItem(0, stored.Spec.Template.Spec.Containers[0] with { Image = image }),
                },
            },
        },
    };

    private static string GoodImage(string image) => image == RolloutArbitraries.BadImage ? RolloutArbitraries.GoodImages[0] : image;

    private static void Apply(Simulation sim, RolloutScenario scenario, RolloutOp op, Granularity granularity, RolloutHooks hooks)
    {
        switch (op)
        {
            case ChangeImage change:
                var shape = scenario.DaemonSets[change.DaemonSet % scenario.DaemonSets.Count];
                sim.UpdateDaemonSet(WithImage(sim.State.GetDaemonSet("default", shape.Name)!, change.Image));
                break;
            case Wait wait:
                Advance(sim, sim.Now + TimeSpan.FromSeconds(wait.Seconds), granularity, hooks);
                break;
            case WaitForRollout:
                Settle(sim, MidwayCap, granularity, hooks);
                break;
            case DeleteRolloutPod delete:
                var pods = sim.State.Pods.Values
                    .Where(p => p.Metadata.ControllerRef?.Kind == "DaemonSet" && !p.IsTerminating)
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .ToList();
                if (pods.Count > 0)
                {
                    var pod = pods[delete.Index % pods.Count];
                    hooks.Deleting?.Invoke(pod);
                    sim.DeletePod(pod.Namespace, pod.Name, delete.GracePeriodSeconds);
                }

                break;
            case SetNodeLabel label:
                var nodes = sim.State.Nodes.Keys.ToList();
                sim.LabelNode(nodes[label.Index % nodes.Count], label.Key, label.Value);
                break;
            default:
                throw new InvalidOperationException("Unknown op " + op);
        }
    }

    private static void Advance(Simulation sim, SimTime target, Granularity granularity, RolloutHooks hooks)
    {
        switch (granularity)
        {
            case Granularity.Ops:
                sim.RunUntil(target);
                break;
            case Granularity.Steps:
                // Step() may take the first event past the target; the next op then simply happens at that event's time.
                while (sim.Now < target)
                {
                    if (!sim.Step())
                    {
                        sim.RunUntil(target);
                        break;
                    }

                    hooks.Observe?.Invoke(sim);
                }

                break;
            default:
                while (sim.Now < target)
                {
                    var next = sim.Now + Tick;
                    sim.RunUntil(next < target ? next : target);
                    hooks.Observe?.Invoke(sim);
                }

                break;
        }
    }

    private static bool Settle(Simulation sim, TimeSpan cap, Granularity granularity, RolloutHooks hooks)
    {
        var deadline = sim.Now + cap;
        switch (granularity)
        {
            case Granularity.Ops:
                return sim.RunUntilSettled(cap).Settled;
            case Granularity.Steps:
                while (sim.Now < deadline)
                {
                    if (!sim.Step())
                    {
                        return true;
                    }

                    hooks.Observe?.Invoke(sim);
                }

                return sim.PendingEvents == 0;
            default:
                while (sim.PendingEvents > 0 && sim.Now < deadline)
                {
                    sim.RunFor(Tick);
                    hooks.Observe?.Invoke(sim);
                }

                return sim.PendingEvents == 0;
        }
    }
}

/// <summary>
/// Watches the rolling-update budgets of every DaemonSet of a scenario, from a fully available start: unavailable desired nodes
/// (status, and counted from the pods) against the resolved maxUnavailable, nodes with more than one live pod against maxSurge.
/// </summary>
public sealed class BudgetWatch
{
    private readonly List<Tracked> _tracked = [];

    public BudgetWatch(Simulation sim, RolloutScenario scenario)
    {
        foreach (var shape in scenario.DaemonSets)
        {
            var ds = sim.State.GetDaemonSet("default", shape.Name)!;
            var desired = sim.State.Nodes.Values.Where(n => ReferenceModel.Verdict(n, ds).ShouldRun).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            var (maxUnavailable, maxSurge) = shape.Budget.Resolve(desired.Count);
            var tracked = new Tracked(ds.Metadata.Uid, ds.Key, shape, desired, maxUnavailable, maxSurge);

            // The precondition of both properties: the rollout starts from a fully available DaemonSet.
            ds.Status.DesiredNumberScheduled.ShouldBe(desired.Count, $"{ds.Key} desired before the first change");
            ds.Status.NumberAvailable.ShouldBe(desired.Count, $"{ds.Key} available before the first change");
            Count(sim.State, tracked).Unavailable.ShouldBe(0, $"{ds.Key} unavailable (from pods) before the first change");
            _tracked.Add(tracked);
        }
    }

    public int WorstUnavailable { get; private set; }

    /// <summary>The rollouts <see cref="Simulation.GetRollouts"/> recorded since <paramref name="since"/> saw no more unavailability than allowed either.</summary>
    public void CheckRecordedRollouts(Simulation sim, SimTime since)
    {
        foreach (var t in _tracked)
        {
            var history = sim.GetRollouts("default", t.Shape.Name);
            var worst = history.Rollouts.Where(r => r.Started >= since).Select(r => r.MaxUnavailable).DefaultIfEmpty(0).Max();
            var worstSample = history.Timeline.Where(x => x.Time >= since).Select(x => x.Unavailable).DefaultIfEmpty(0).Max();
            worst.ShouldBeLessThanOrEqualTo(t.MaxUnavailable, $"{t.Key} ({t.Shape.Budget}): GetRollouts reports a rollout with maxUnavailable {worst}");
            worstSample.ShouldBeLessThanOrEqualTo(t.MaxUnavailable, $"{t.Key} ({t.Shape.Budget}): GetRollouts' timeline reports numberUnavailable {worstSample}");
        }
    }

    public int WorstSurge { get; private set; }

    public void CheckUnavailable(Simulation sim)
    {
        foreach (var t in _tracked)
        {
            var ds = sim.State.DaemonSets[t.Key];
            var counts = Count(sim.State, t);
            WorstUnavailable = Math.Max(WorstUnavailable, Math.Max(counts.Unavailable, ds.Status.NumberUnavailable));
            if (ds.Status.NumberUnavailable > t.MaxUnavailable || counts.Unavailable > t.MaxUnavailable)
            {
                throw new ShouldAssertException(
                    $"at {sim.Now}: {t.Key} ({t.Shape.Budget}, desired {t.Desired.Count}, resolved maxUnavailable {t.MaxUnavailable}): " +
                    $"status.numberUnavailable {ds.Status.NumberUnavailable}, desired nodes without an available pod {counts.Unavailable}\n" +
                    Describe(sim.State, t, counts.UnavailableNodes));
            }
        }
    }

    public void CheckSurge(Simulation sim)
    {
        foreach (var t in _tracked)
        {
            var counts = Count(sim.State, t);
            WorstSurge = Math.Max(WorstSurge, counts.Surging.Count);
            if (counts.Surging.Count > t.MaxSurge)
            {
                throw new ShouldAssertException(
                    $"at {sim.Now}: {t.Key} ({t.Shape.Budget}, desired {t.Desired.Count}, resolved maxSurge {t.MaxSurge}): " +
                    $"{counts.Surging.Count} nodes run more than one non-terminating pod\n" + Describe(sim.State, t, counts.Surging));
            }
        }
    }

    /// <summary>Unavailable: a desired node none of whose non-terminating pods is available (§13.2, §13.3). Surging: a node with &gt;1 live pod.</summary>
    private static (int Unavailable, List<string> UnavailableNodes, List<string> Surging) Count(ClusterState state, Tracked t)
    {
        var available = new HashSet<string>(StringComparer.Ordinal);
        var live = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in state.PodsControlledBy(t.Uid))
        {
            if (pod.IsTerminating || ReferenceModel.TargetNode(pod) is not { } node)
            {
                continue;
            }

            if (!pod.IsTerminal)
            {
                live[node] = live.GetValueOrDefault(node) + 1;
            }

            if (ReferenceModel.IsAvailable(pod, t.Shape.MinReadySeconds, state.Now))
            {
                available.Add(node);
            }
        }

        var unavailable = t.Desired.Where(n => !available.Contains(n)).ToList();
        return (unavailable.Count, unavailable, live.Where(e => e.Value > 1).Select(e => e.Key).Order(StringComparer.Ordinal).ToList());
    }

    private static string Describe(ClusterState state, Tracked t, IEnumerable<string> nodes) =>
        string.Join("\n", nodes.Take(8).Select(n => $"  {n}: " + string.Join(", ", state.PodsControlledBy(t.Uid)
            .Where(p => ReferenceModel.TargetNode(p) == n)
            .Select(p => $"{p.Name}[{p.Metadata.Labels.GetValueOrDefault("controller-revision-hash")} {p.Status.Phase}" +
                $"{(ReferenceModel.IsReady(p) ? " ready" : "")}{(p.IsTerminating ? " terminating" : "")} created {p.Metadata.CreationTimestamp}]"))));

    private sealed record Tracked(string Uid, string Key, RolloutDaemonSet Shape, HashSet<string> Desired, int MaxUnavailable, int MaxSurge);
}

/// <summary>
/// OnDelete (§13.6): remembers every daemon pod it has seen; a pod that disappears must have been deleted by the run or sit on a
/// node whose eligibility changed, and a pod that appears must be on such a node or one where the run deleted a pod.
/// </summary>
public sealed class ReplacementWatch
{
    private readonly Dictionary<string, (string Ds, string Node, string Name)> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);
    private readonly HashSet<(string Ds, string Node)> _deletedOn = [];
    private readonly HashSet<(string Ds, string Node)> _churned = [];
    private readonly Dictionary<(string Ds, string Node), bool> _verdicts = [];
    private bool _baseline = true;

    public List<string> Violations { get; } = [];

    public void Deleting(Pod pod)
    {
        _deleted.Add(pod.Metadata.Uid);
        if (ReferenceModel.TargetNode(pod) is { } node)
        {
            _deletedOn.Add((pod.Metadata.ControllerRef!.Uid, node));
        }
    }

    public void Observe(Simulation sim)
    {
        var state = sim.State;
        foreach (var ds in state.DaemonSets.Values)
        {
            foreach (var node in state.Nodes.Values)
            {
                var shouldRun = ReferenceModel.Verdict(node, ds).ShouldRun;
                var key = (ds.Metadata.Uid, node.Name);
                if (_verdicts.TryGetValue(key, out var before) && before != shouldRun)
                {
                    _churned.Add(key);
                }

                _verdicts[key] = shouldRun;
            }
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in state.Pods.Values)
        {
            if (pod.Metadata.ControllerRef is not { Kind: "DaemonSet" } owner || ReferenceModel.TargetNode(pod) is not { } node)
            {
                continue;
            }

            present.Add(pod.Metadata.Uid);
            if (!_known.TryAdd(pod.Metadata.Uid, (owner.Uid, node, pod.Name)) || _baseline)
            {
                continue;
            }

            if (!_deletedOn.Contains((owner.Uid, node)) && !_churned.Contains((owner.Uid, node)))
            {
                Violations.Add($"at {sim.Now}: new pod {pod.Name} on {node}, where no pod was deleted and eligibility never changed");
            }

            // Ops that change the template take no time, so a pod first seen here was created under the current template (§13.6).
            var ds = state.DaemonSets.Values.First(d => d.Metadata.Uid == owner.Uid);
            var current = sim.GetRevisionHistory(ds.Namespace, ds.Name).Where(r => r.Data == ds.Spec.Template).Select(r => r.Hash).FirstOrDefault();
            var hash = pod.Metadata.Labels.GetValueOrDefault("controller-revision-hash");
            if (hash != current)
            {
                Violations.Add($"at {sim.Now}: new pod {pod.Name} on {node} carries hash {hash}, not the current revision's {current ?? "<none>"}");
            }
        }

        foreach (var (uid, (ds, node, name)) in _known)
        {
            if (!present.Contains(uid) && !_deleted.Contains(uid) && !_churned.Contains((ds, node)))
            {
                Violations.Add($"at {sim.Now}: pod {name} ({uid}) on {node} is gone, though nobody deleted it and the node stayed eligible");
                _deleted.Add(uid);
            }
        }

        _baseline = false;
    }
}

/// <summary>Rollouts on 500+ node clusters: budgets stepped event by event, convergence, OnDelete and revision history.</summary>
public sealed class RolloutProperties
{
    // Sized for about a minute in all on two cores; the stepped budget properties cost the most (every event is looked at).
    private const int SteppedCases = 10;
    private const int Cases = 15;

    [Property(Arbitrary = new[] { typeof(RolloutArbitraries) }, MaxTest = SteppedCases)]
    public void RollingUpdate_NeverExceedsMaxUnavailable(RollingCase c)
    {
        var sim = RolloutRunner.Start(c.Scenario);
        var watch = new BudgetWatch(sim, c.Scenario);
        var since = sim.Now;
        RolloutRunner.Run(sim, c.Scenario, Granularity.Steps, new RolloutHooks(Observe: watch.CheckUnavailable));
        watch.CheckRecordedRollouts(sim, since);
    }

    [Property(Arbitrary = new[] { typeof(RolloutArbitraries) }, MaxTest = SteppedCases)]
    public void RollingUpdate_NeverExceedsMaxSurge(RollingCase c)
    {
        var sim = RolloutRunner.Start(c.Scenario);
        var watch = new BudgetWatch(sim, c.Scenario);
        RolloutRunner.Run(sim, c.Scenario, Granularity.Steps, new RolloutHooks(Observe: watch.CheckSurge));
    }

    [Property(Arbitrary = new[] { typeof(RolloutArbitraries) }, MaxTest = Cases)]
    public void RollingUpdate_GoodImages_ConvergesToNewRevision(GoodImageRollingCase c)
    {
        var sim = RolloutRunner.Start(c.Scenario);
        RolloutRunner.Run(sim, c.Scenario, Granularity.Ops, new RolloutHooks());
        RolloutChecks.ConvergedToNewestRevision(sim, c.Scenario).ShouldBeEmpty();
    }

    [Property(Arbitrary = new[] { typeof(RolloutArbitraries) }, MaxTest = 2 * Cases)]
    public void OnDelete_NeverReplacesAPodItWasNotAskedTo(OnDeleteCase c)
    {
        var sim = RolloutRunner.Start(c.Scenario);
        var watch = new ReplacementWatch();
        watch.Observe(sim);
        RolloutRunner.Run(sim, c.Scenario, Granularity.Ops, new RolloutHooks(AtBoundary: watch.Observe, Deleting: watch.Deleting));
        watch.Violations.ShouldBeEmpty();
    }

    [Property(Arbitrary = new[] { typeof(RolloutArbitraries) }, MaxTest = Cases)]
    public void History_NeverExceedsLimitPlusRevisionsInUse(HistoryCase c)
    {
        var sim = RolloutRunner.Start(c.Scenario);
        void Check(Simulation s) => RolloutChecks.HistoryWithinLimit(s, c.Scenario).ShouldBeEmpty();
        Check(sim);

        // Only once the clock has moved: right after an API call the controller has not yet looked at the new template.
        RolloutRunner.Run(sim, c.Scenario, Granularity.Ticks, new RolloutHooks(Observe: Check));
    }
}

/// <summary>Checks shared by the properties and their frozen regressions; each returns the violations (empty when it holds).</summary>
public static class RolloutChecks
{
    /// <summary>§13, §14, §16: one pod per desired node, all on the highest-numbered revision, whose template is the DaemonSet's.</summary>
    public static List<string> ConvergedToNewestRevision(Simulation sim, RolloutScenario scenario)
    {
        var errors = new List<string>();
        var state = sim.State;
        foreach (var shape in scenario.DaemonSets)
        {
            var ds = state.GetDaemonSet("default", shape.Name)!;
            var history = sim.GetRevisionHistory("default", shape.Name);
            if (history.Count == 0)
            {
                errors.Add($"{ds.Key} has no revision");
                continue;
            }

            var newest = history.MaxBy(r => r.Revision)!;
            if (newest.Data != ds.Spec.Template)
            {
                errors.Add($"{ds.Key}: the highest-numbered revision {newest.Name} (#{newest.Revision}) is not the DaemonSet's template (image {ds.Spec.Template.Spec.Containers[0].Image})");
            }

            var podsByNode = ReferenceModel.DaemonPodsByNode(state, ds);
            var desired = 0;
            foreach (var node in state.Nodes.Values)
            {
                var pods = podsByNode.GetValueOrDefault(node.Name) ?? [];
                if (!ReferenceModel.Verdict(node, ds).ShouldRun)
                {
                    if (pods.Count != 0)
                    {
                        errors.Add($"{ds.Key}: {node.Name} should not run it but has {string.Join(", ", pods.Select(p => p.Name))}");
                    }

                    continue;
                }

                desired++;
                if (pods.Count != 1 || pods[0].IsTerminating || pods[0].Metadata.Labels.GetValueOrDefault("controller-revision-hash") != newest.Hash)
                {
                    errors.Add($"{ds.Key}: {node.Name} runs [{string.Join(", ", pods.Select(p => $"{p.Name} hash={p.Metadata.Labels.GetValueOrDefault("controller-revision-hash")}{(p.IsTerminating ? " terminating" : "")}"))}], " +
                        $"expected one pod with hash {newest.Hash}");
                }
            }

            var s = ds.Status;
            if (s.DesiredNumberScheduled != desired || s.UpdatedNumberScheduled != desired || s.NumberAvailable != desired || s.NumberUnavailable != 0)
            {
                errors.Add($"{ds.Key}: status desired {s.DesiredNumberScheduled} updated {s.UpdatedNumberScheduled} available {s.NumberAvailable} unavailable {s.NumberUnavailable}, expected desired = updated = available = {desired}");
            }
        }

        return errors;
    }

    /// <summary>§14.5: old revisions beyond revisionHistoryLimit survive only while some pod still carries their hash.</summary>
    public static List<string> HistoryWithinLimit(Simulation sim, RolloutScenario scenario)
    {
        var errors = new List<string>();
        foreach (var shape in scenario.DaemonSets)
        {
            var ds = sim.State.GetDaemonSet("default", shape.Name)!;
            var history = sim.GetRevisionHistory("default", shape.Name);
            if (history.Count == 0)
            {
                continue;
            }

            var current = history.Where(r => r.Data == ds.Spec.Template).MaxBy(r => r.Revision) ?? history.MaxBy(r => r.Revision)!;
            var old = history.Where(r => r.Hash != current.Hash).ToList();
            var pinned = sim.State.PodsControlledBy(ds.Metadata.Uid)
                .Select(p => p.Metadata.Labels.GetValueOrDefault("controller-revision-hash"))
                .Where(h => h is not null && h != current.Hash)
                .Distinct(StringComparer.Ordinal)
                .Count();
            var limit = ds.Spec.RevisionHistoryLimit ?? 10;
            if (old.Count > limit + pinned)
            {
                errors.Add($"at {sim.Now}: {ds.Key} keeps {old.Count} old revisions [{string.Join(", ", old.Select(r => $"#{r.Revision} {r.Hash}"))}] " +
                    $"with revisionHistoryLimit {limit} and {pinned} old hashes on pods (current #{current.Revision} {current.Hash})");
            }
        }

        return errors;
    }
}
