using Simulator.Engine;
using Simulator.Model;
using Simulator.Scheduling;

namespace Simulator.Controllers;

/// <summary>
/// The kubelets of every node: a bound pod starts after a seeded latency (admission first for pods that bypassed the scheduler),
/// becomes Running, then Ready after the readiness delay; a terminating pod disappears after its grace period. A node whose kubelet
/// is down starts and stops nothing until it recovers.
/// </summary>
internal sealed class Kubelet
{
    private readonly Simulation _sim;
    /// <summary>How long a crashing container runs before it exits again.</summary>
    private static readonly TimeSpan CrashRunTime = TimeSpan.FromSeconds(1);

    private readonly SortedDictionary<string, SortedSet<string>> _deferred = new(StringComparer.Ordinal);
    private readonly HashSet<string> _crashing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _badImages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimTime> _lastExit = new(StringComparer.Ordinal);
    private readonly KubeletBackoff _backoff = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));
    private readonly SameSecondCache<(EquatableArray<Container> Containers, bool Ready), EquatableArray<ContainerStatus>> _started = new();
    private long _ipCounter;

    public Kubelet(Simulation sim) => _sim = sim;

    public void OnPodChanged(Pod? old, Pod? current)
    {
        if (current is null && old is not null)
        {
            _crashing.Remove(old.Metadata.Uid);
            _lastExit.Remove(old.Metadata.Uid);
            return;
        }

        if (current is null || !current.IsBound)
        {
            return;
        }

        var key = current.Key;
        var uid = current.Metadata.Uid;
        if ((old is null || !old.IsBound) && !current.IsTerminal && !current.IsTerminating)
        {
            var latency = _sim.Random.NextDuration(_sim.Options.Kubelet.StartLatencyMin, _sim.Options.Kubelet.StartLatencyMax);
            _sim.At(_sim.Now + latency, sim => sim.KubeletStart(key, uid));
        }

        if (current.IsTerminating && (old is null || !old.IsTerminating))
        {
            var grace = SimTime.Seconds(current.Metadata.DeletionGracePeriodSeconds ?? 30);
            var duration = _sim.Options.Kubelet.TerminationDuration is { } d && d < grace ? d : grace;
            if (_sim.Options.Kubelet.RecordEvents && !current.IsTerminal)
            {
                foreach (var c in current.Spec.Containers)
                {
                    _sim.RecordOn(current, EventType.Normal, "Killing", "Stopping container " + c.Name, EventSources.Kubelet);
                }
            }

            _sim.At(_sim.Now + duration, sim => sim.KubeletFinishTermination(key, uid));
        }
    }

    /// <summary>The kubelet's first look at a bound pod (admission), then the image pull and container start.</summary>
    public void Start(string key, string uid)
    {
        if (!TryGetActive(key, uid, out var pod) || pod.Status.Phase == PodPhase.Running)
        {
            return;
        }

        var node = _sim.State.GetNode(pod.Spec.NodeName);
        if (node is null)
        {
            return;
        }

        if (_sim.IsKubeletDown(node.Name))
        {
            Defer(node.Name, key);
            return;
        }

        var now = _sim.Now.TruncateToSeconds();
        if (pod.Status.StartTime is null && _sim.BypassedScheduler(pod) && Admit(pod, node) is { } rejection)
        {
            _sim.PutPod(pod with
            {
                Status = pod.Status with { Phase = PodPhase.Failed, Reason = rejection.Reason, Message = rejection.Message, StartTime = now },
            });
            _sim.RecordOn(pod, EventType.Warning, rejection.Reason, rejection.Message, EventSources.Kubelet);
            return;
        }

        pod = pod with { Status = pod.Status with { StartTime = pod.Status.StartTime ?? now } };
        if (pod.Spec.Containers.FirstOrDefault(c => _badImages.Contains(c.Image)) is { } unpullable)
        {
            FailPull(pod, unpullable);
            return;
        }

        var ready = _sim.Options.Kubelet.ReadyDelay <= TimeSpan.Zero && !_crashing.Contains(uid);
        var statuses = RunningStatuses(pod.Spec.Containers, ready, now);
        if (pod.Status.PodIp.Length == 0)
        {
            _ipCounter++;
        }

        var running = pod with
        {
            Status = pod.Status with
            {
                Phase = PodPhase.Running,
                PodIp = pod.Status.PodIp.Length != 0 ? pod.Status.PodIp : $"10.{(_ipCounter >> 16) & 255}.{(_ipCounter >> 8) & 255}.{_ipCounter & 255}",
                ContainerStatuses = statuses,
            },
        };
        var readyStatus = ready ? ConditionStatus.True : ConditionStatus.False;
        running = running.WithConditions(
            _sim.Condition(PodConditionType.Initialized, ConditionStatus.True),
            _sim.Condition(PodConditionType.ContainersReady, readyStatus),
            _sim.Condition(PodConditionType.Ready, readyStatus));
        RecordStartEvents(pod);
        _sim.PutPod(running);
        AfterContainersStarted(key, uid);
    }

    /// <summary>The statuses of containers that just started (shared by pods of one template started in the same second).</summary>
    private EquatableArray<ContainerStatus> RunningStatuses(EquatableArray<Container> containers, bool ready, SimTime now) =>
        _started.Get(now, (containers, ready), static (key, second) => key.Containers.Select(c => new ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            Ready = key.Ready,
            Started = true,
            State = new ContainerState { RunningSince = second },
        }).ToEquatableArray());

    /// <summary>Marks the pod's containers as crashing: they exit with an error now and after every restart, until healed.</summary>
    public void Crash(string key, string uid)
    {
        _crashing.Add(uid);
        if (TryGetActive(key, uid, out var pod) && pod.Status.Phase == PodPhase.Running && pod.Status.ContainerStatuses.Any(c => c.State.RunningSince is not null))
        {
            Exit(key, uid);
        }
    }

    /// <summary>The pod's containers stop crashing: the next restart stays up.</summary>
    public void Heal(string uid) => _crashing.Remove(uid);

    /// <summary>Pods using the image fail to pull it (ErrImagePull, then ImagePullBackOff with back-off) until it is healed.</summary>
    public void FailImage(string image) => _badImages.Add(image);

    /// <summary>The image can be pulled again; waiting pods succeed at their next pull attempt.</summary>
    public void HealImage(string image) => _badImages.Remove(image);

    /// <summary>The pod fails for good (phase Failed), as when its containers exit and it may not restart.</summary>
    public void FailPod(string key, string uid, string reason, string message)
    {
        if (!TryGetActive(key, uid, out var pod))
        {
            return;
        }

        var now = _sim.Now.TruncateToSeconds();
        var failed = pod with
        {
            Status = pod.Status with
            {
                Phase = PodPhase.Failed,
                Reason = reason,
                Message = message,
                ContainerStatuses = pod.Status.ContainerStatuses.Select(c => c with { Ready = false, State = new ContainerState { TerminatedReason = "Error", ExitCode = 1 } }).ToEquatableArray(),
            },
        };
        _sim.PutPod(failed
            .WithCondition(new PodCondition(PodConditionType.ContainersReady, ConditionStatus.False, now))
            .WithCondition(new PodCondition(PodConditionType.Ready, ConditionStatus.False, now)));
    }

    private void AfterContainersStarted(string key, string uid)
    {
        if (_crashing.Contains(uid))
        {
            _sim.At(_sim.Now + CrashRunTime, sim => sim.KubeletContainerExit(key, uid));
        }
        else if (_sim.Options.Kubelet.ReadyDelay > TimeSpan.Zero)
        {
            _sim.At(_sim.Now + _sim.Options.Kubelet.ReadyDelay, sim => sim.KubeletReady(key, uid));
        }
        else
        {
            MarkReady(key, uid, true);
        }
    }

    /// <summary>
    /// The containers exit with an error. The kubelet restarts them at once the first time, then waits out its back-off
    /// (10 s doubling to 5 min, forgotten after 10 min without a crash) in CrashLoopBackOff.
    /// </summary>
    public void Exit(string key, string uid)
    {
        if (!TryGetActive(key, uid, out var pod) || pod.Status.Phase != PodPhase.Running)
        {
            return;
        }

        if (!_crashing.Contains(uid))
        {
            // Healed while this run was still up: the container keeps running and, without a readiness probe, is Ready.
            AfterContainersStarted(key, uid);
            return;
        }

        var now = _sim.Now;
        var backoffKey = uid + "/restart";
        _lastExit[uid] = now;
        if (_backoff.IsInBackoffSince(backoffKey, now, now, out var delay))
        {
            var waiting = pod with
            {
                Status = pod.Status with
                {
                    ContainerStatuses = pod.Status.ContainerStatuses.Select(c => c with { Ready = false, Started = false, State = new ContainerState { WaitingReason = "CrashLoopBackOff" } }).ToEquatableArray(),
                },
            };
            _sim.PutPod(NotReady(waiting));
            foreach (var c in pod.Spec.Containers)
            {
                _sim.RecordOn(pod, EventType.Warning, "BackOff", $"Back-off restarting failed container {c.Name} in pod {pod.Name}_{pod.Namespace}({uid})", EventSources.Kubelet);
            }

            _sim.At(now + delay, sim => sim.KubeletRestart(key, uid));
            return;
        }

        Restart(key, uid);
    }

    /// <summary>Starts the crashed containers again, counting the restart.</summary>
    public void Restart(string key, string uid)
    {
        if (!TryGetActive(key, uid, out var pod) || pod.Status.Phase != PodPhase.Running)
        {
            return;
        }

        _backoff.Next(uid + "/restart", _lastExit.GetValueOrDefault(uid, _sim.Now), _sim.Now);
        var now = _sim.Now.TruncateToSeconds();
        var ready = _sim.Options.Kubelet.ReadyDelay <= TimeSpan.Zero && !_crashing.Contains(uid);
        var restarted = pod with
        {
            Status = pod.Status with
            {
                ContainerStatuses = pod.Status.ContainerStatuses.Select(c => c with
                {
                    RestartCount = c.RestartCount + 1,
                    Ready = ready,
                    Started = true,
                    State = new ContainerState { RunningSince = now },
                }).ToEquatableArray(),
            },
        };
        RecordStartEvents(pod);
        _sim.PutPod(ready ? restarted : NotReady(restarted));
        AfterContainersStarted(key, uid);
    }

    private void FailPull(Pod pod, Container container)
    {
        var key = pod.Key;
        var uid = pod.Metadata.Uid;
        var now = _sim.Now;
        var image = container.Image;
        _sim.PutPod(WithWaiting(pod, container.Name, "ErrImagePull"));
        _sim.RecordOn(pod, EventType.Normal, "Pulling", $"Pulling image \"{image}\"", EventSources.Kubelet);
        _sim.RecordOn(pod, EventType.Warning, "Failed", $"Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found", EventSources.Kubelet);
        _sim.RecordOn(pod, EventType.Warning, "Failed", "Error: ErrImagePull", EventSources.Kubelet);
        var backoffKey = uid + "/pull/" + image;
        _backoff.Next(backoffKey, now, now);
        _backoff.IsInBackoffSince(backoffKey, now, now, out var delay);

        // The kubelet's next sync finds the image in back-off and reports ImagePullBackOff until the retry.
        _sim.At(now + TimeSpan.FromSeconds(1), sim => sim.KubeletPullBackOff(key, uid, container.Name, image));
        _sim.At(now + delay, sim => sim.KubeletStart(key, uid));
    }

    /// <summary>Between pull attempts the container waits in ImagePullBackOff.</summary>
    public void PullBackOff(string key, string uid, string containerName, string image)
    {
        if (!TryGetActive(key, uid, out var pod) || pod.Status.Phase == PodPhase.Running || !_badImages.Contains(image))
        {
            return;
        }

        _sim.PutPod(WithWaiting(pod, containerName, "ImagePullBackOff"));
        _sim.RecordOn(pod, EventType.Normal, "BackOff", $"Back-off pulling image \"{image}\"", EventSources.Kubelet);
        _sim.RecordOn(pod, EventType.Warning, "Failed", "Error: ImagePullBackOff", EventSources.Kubelet);
    }

    private static Pod WithWaiting(Pod pod, string containerName, string reason)
    {
        var statuses = pod.Spec.Containers.Select(c => new ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            State = new ContainerState { WaitingReason = c.Name == containerName ? reason : "ContainerCreating" },
        }).ToEquatableArray();
        return pod with { Status = pod.Status with { ContainerStatuses = statuses } };
    }

    private Pod NotReady(Pod pod)
    {
        var now = _sim.Now.TruncateToSeconds();
        return pod
            .WithCondition(new PodCondition(PodConditionType.ContainersReady, ConditionStatus.False, now))
            .WithCondition(new PodCondition(PodConditionType.Ready, ConditionStatus.False, now));
    }

    private void RecordStartEvents(Pod pod)
    {
        if (!_sim.Options.Kubelet.RecordEvents)
        {
            return;
        }

        foreach (var c in pod.Spec.Containers)
        {
            _sim.RecordOn(pod, EventType.Normal, "Pulled", $"Container image \"{c.Image}\" already present on machine", EventSources.Kubelet);
            _sim.RecordOn(pod, EventType.Normal, "Created", "Created container: " + c.Name, EventSources.Kubelet);
            _sim.RecordOn(pod, EventType.Normal, "Started", "Started container " + c.Name, EventSources.Kubelet);
        }
    }

    private bool TryGetActive(string key, string uid, out Pod pod)
    {
        if (_sim.State.Pods.TryGetValue(key, out var found) && found.Metadata.Uid == uid && !found.IsTerminating && !found.IsTerminal)
        {
            pod = found;
            return true;
        }

        pod = null!;
        return false;
    }

    public void MarkReady(string key, string uid, bool ready)
    {
        if (!_sim.State.Pods.TryGetValue(key, out var pod) || pod.Metadata.Uid != uid || pod.Status.Phase != PodPhase.Running || pod.IsReady == ready ||
            (ready && (_crashing.Contains(uid) || pod.Status.ContainerStatuses.Any(c => c.State.RunningSince is null))))
        {
            return;
        }

        var now = _sim.Now.TruncateToSeconds();
        var status = ready ? ConditionStatus.True : ConditionStatus.False;
        var updated = pod with
        {
            Status = pod.Status with { ContainerStatuses = pod.Status.ContainerStatuses.Select(c => c with { Ready = ready }).ToEquatableArray() },
        };
        _sim.PutPod(updated
            .WithCondition(new PodCondition(PodConditionType.ContainersReady, status, now))
            .WithCondition(new PodCondition(PodConditionType.Ready, status, now)));
    }

    public void FinishTermination(string key, string uid)
    {
        if (!_sim.State.Pods.TryGetValue(key, out var pod) || pod.Metadata.Uid != uid)
        {
            return;
        }

        if (_sim.IsKubeletDown(pod.Spec.NodeName))
        {
            Defer(pod.Spec.NodeName, key);
            return;
        }

        _sim.RemovePod(key);
    }

    /// <summary>The kubelet came back: start or finish what waited for it, and report running pods Ready again.</summary>
    public void Resume(string nodeName)
    {
        if (_deferred.Remove(nodeName, out var keys))
        {
            foreach (var key in keys)
            {
                if (_sim.State.Pods.TryGetValue(key, out var pod))
                {
                    if (pod.IsTerminating)
                    {
                        _sim.RemovePod(key);
                    }
                    else
                    {
                        Start(key, pod.Metadata.Uid);
                    }
                }
            }
        }

        foreach (var pod in _sim.State.PodsOnNode(nodeName).ToList())
        {
            if (pod.Status.Phase == PodPhase.Running && !pod.IsReady && _sim.Options.Kubelet.ReadyDelay <= TimeSpan.Zero)
            {
                MarkReady(pod.Key, pod.Metadata.Uid, true);
            }
        }
    }

    /// <summary>The node is gone: whatever waited for its kubelet is dropped (pod GC removes its pods).</summary>
    public void Forget(string nodeName) => _deferred.Remove(nodeName);

    private void Defer(string nodeName, string key)
    {
        if (!_deferred.TryGetValue(nodeName, out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            _deferred[nodeName] = set;
        }

        set.Add(key);
    }

    private static (string Reason, string Message) Rejected(string predicate, string reason) =>
        (predicate, $"Pod was rejected: Predicate {predicate} failed: {reason}");

    /// <summary>
    /// Kubelet admission for a pod bound without the scheduler: resources and pod count first (<c>OutOfcpu</c>, <c>OutOfmemory</c>,
    /// <c>OutOfpods</c>), then node affinity, host ports and untolerated NoExecute taints.
    /// </summary>
    private (string Reason, string Message)? Admit(Pod pod, Node node)
    {
        var usage = _sim.State.UsageOf(node.Name).Remove(pod);
        var context = new PodSchedulingContext(pod, _sim.State);
        var reasons = Scheduling.Rules.NodeResourcesFit.InsufficientResources(context, new NodeInfo(node, usage));
        if (reasons.Count == 0)
        {
            // The rest of the kubelet's admission (predicate.go): node affinity, host ports, and NoExecute taints only.
            if (!Scheduling.Rules.NodeAffinity.RequiredMatches(pod.Spec, node))
            {
                return Rejected("NodeAffinity", Scheduling.Rules.NodeAffinity.Reason);
            }

            if (new Scheduling.Rules.NodePorts().Filter(context, new NodeInfo(node, usage)) is { IsSuccess: false })
            {
                return Rejected("NodePorts", Scheduling.Rules.NodePorts.Reason);
            }

            if (node.Spec.Taints.Any(t => t.Effect == TaintEffect.NoExecute && !Toleration.AnyTolerates(pod.Spec.Tolerations, t)))
            {
                return Rejected("TaintToleration", "node(s) had taints that the pod didn't tolerate");
            }

            return null;
        }

        var first = reasons[0];
        var resource = first == Scheduling.Rules.NodeResourcesFit.TooManyPods ? ResourceNames.Pods : first["Insufficient ".Length..];
        var allocatable = ResourceAmounts.From(node.Status.Allocatable);
        var (requested, used, capacity) = resource switch
        {
            ResourceNames.Pods => (1L, (long)usage.PodCount, allocatable.Pods),
            ResourceNames.Cpu => (context.Requests.MilliCpu, usage.Requested.MilliCpu, allocatable.MilliCpu),
            ResourceNames.Memory => (context.Requests.Memory, usage.Requested.Memory, allocatable.Memory),
            ResourceNames.EphemeralStorage => (context.Requests.EphemeralStorage, usage.Requested.EphemeralStorage, allocatable.EphemeralStorage),
            _ => (context.Requests.Scalar(resource), usage.Requested.Scalar(resource), allocatable.Scalar(resource)),
        };
        return ("OutOf" + resource, $"Pod was rejected: Node didn't have enough resource: {resource}, requested: {requested}, used: {used}, capacity: {capacity}");
    }
}
