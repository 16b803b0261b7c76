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
    private readonly SortedDictionary<string, SortedSet<string>> _deferred = new(StringComparer.Ordinal);
    private long _ipCounter;

    public Kubelet(Simulation sim) => _sim = sim;

    public void OnPodChanged(Pod? old, Pod? current)
    {
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
            var grace = TimeSpan.FromSeconds(current.Metadata.DeletionGracePeriodSeconds ?? 30);
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

    public void Start(string key, string uid)
    {
        if (!_sim.State.Pods.TryGetValue(key, out var pod) || pod.Metadata.Uid != uid || pod.IsTerminating || pod.IsTerminal || pod.Status.Phase == PodPhase.Running)
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
        if (_sim.BypassedScheduler(pod) && Admit(pod, node) is { } rejection)
        {
            _sim.PutPod(pod with
            {
                Status = pod.Status with { Phase = PodPhase.Failed, Reason = rejection.Reason, Message = rejection.Message, StartTime = now },
            });
            _sim.RecordOn(pod, EventType.Warning, rejection.Reason, rejection.Message, EventSources.Kubelet);
            return;
        }

        var ready = _sim.Options.Kubelet.ReadyDelay <= TimeSpan.Zero;
        var statuses = pod.Spec.Containers.Select(c => new ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            Ready = ready,
            Started = true,
            State = new ContainerState { RunningSince = now },
        }).ToEquatableArray();
        _ipCounter++;
        var running = pod with
        {
            Status = pod.Status with
            {
                Phase = PodPhase.Running,
                StartTime = now,
                PodIp = $"10.{(_ipCounter >> 16) & 255}.{(_ipCounter >> 8) & 255}.{_ipCounter & 255}",
                ContainerStatuses = statuses,
            },
        };
        running = running
            .WithCondition(new PodCondition(PodConditionType.Initialized, ConditionStatus.True, now))
            .WithCondition(new PodCondition(PodConditionType.ContainersReady, ready ? ConditionStatus.True : ConditionStatus.False, now))
            .WithCondition(new PodCondition(PodConditionType.Ready, ready ? ConditionStatus.True : ConditionStatus.False, now));
        if (_sim.Options.Kubelet.RecordEvents)
        {
            foreach (var c in pod.Spec.Containers)
            {
                _sim.RecordOn(pod, EventType.Normal, "Pulled", $"Container image \"{c.Image}\" already present on machine", EventSources.Kubelet);
                _sim.RecordOn(pod, EventType.Normal, "Created", "Created container: " + c.Name, EventSources.Kubelet);
                _sim.RecordOn(pod, EventType.Normal, "Started", "Started container " + c.Name, EventSources.Kubelet);
            }
        }

        _sim.PutPod(running);
        if (!ready)
        {
            _sim.At(_sim.Now + _sim.Options.Kubelet.ReadyDelay, sim => sim.KubeletReady(key, uid));
        }
    }

    public void MarkReady(string key, string uid, bool ready)
    {
        if (!_sim.State.Pods.TryGetValue(key, out var pod) || pod.Metadata.Uid != uid || pod.Status.Phase != PodPhase.Running || pod.IsReady == ready)
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

    private void Defer(string nodeName, string key)
    {
        if (!_deferred.TryGetValue(nodeName, out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            _deferred[nodeName] = set;
        }

        set.Add(key);
    }

    /// <summary>Kubelet admission for a pod bound without the scheduler: resources and pod count (<c>OutOfcpu</c>, <c>OutOfmemory</c>, <c>OutOfpods</c>).</summary>
    private (string Reason, string Message)? Admit(Pod pod, Node node)
    {
        var usage = _sim.State.UsageOf(node.Name).Remove(pod);
        var context = new PodSchedulingContext(pod, _sim.State);
        var reasons = Scheduling.Rules.NodeResourcesFit.InsufficientResources(context, new NodeInfo(node, usage));
        if (reasons.Count == 0)
        {
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
