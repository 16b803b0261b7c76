using Simulator.Model;

namespace Simulator.Validation;

/// <summary>
/// The API server's defaulting, as in Kubernetes' <c>pkg/apis/apps/v1/defaults.go</c> and <c>pkg/apis/core/v1/defaults.go</c>.
/// It runs before validation, so validation always sees a defaulted object.
/// </summary>
/// <remarks>
/// <para>Every method is pure and idempotent: applying it to its own result changes nothing.</para>
/// <para>
/// Kubernetes defaults a pod template less than a pod. Two defaults are pod-only (<c>SetDefaults_Pod</c>): container
/// requests copied from limits, and <c>hostPort</c> copied from <c>containerPort</c> under <c>hostNetwork</c> (pod-only
/// since v1.28). <see cref="Apply(DaemonSet)"/> therefore leaves both out of the template; the pods the controller
/// creates receive them when they pass through <see cref="Apply(Pod)"/>.
/// </para>
/// </remarks>
public static class Defaults
{
    /// <summary>The default <c>terminationGracePeriodSeconds</c>.</summary>
    public const long TerminationGracePeriodSeconds = 30;

    /// <summary>The default <c>schedulerName</c>.</summary>
    public const string SchedulerName = "default-scheduler";

    /// <summary>The default <c>revisionHistoryLimit</c> of a DaemonSet.</summary>
    public const int RevisionHistoryLimit = 10;

    /// <summary>
    /// Defaults a DaemonSet: <c>updateStrategy.type</c> → RollingUpdate; for RollingUpdate a missing <c>rollingUpdate</c>
    /// block is created, a missing <c>maxUnavailable</c> becomes 1 and a missing <c>maxSurge</c> becomes 0;
    /// <c>revisionHistoryLimit</c> → 10; the pod template gets the pod-spec defaults that apply to templates.
    /// </summary>
    /// <remarks>
    /// A manifest that sets only <c>maxSurge: 1</c> therefore ends up with <c>maxUnavailable: 1</c> as well, which
    /// validation rejects; surging requires writing <c>maxUnavailable: 0</c>.
    /// </remarks>
    /// <param name="ds">The DaemonSet as submitted.</param>
    /// <returns>The defaulted DaemonSet (<paramref name="ds"/> itself when nothing changes).</returns>
    public static DaemonSet Apply(DaemonSet ds)
    {
        ArgumentNullException.ThrowIfNull(ds);
        var spec = ds.Spec;
        var strategy = spec.UpdateStrategy;
        if (strategy.Type.Length == 0)
        {
            strategy = strategy with { Type = DaemonSetUpdateStrategyType.RollingUpdate };
        }

        if (strategy.Type == DaemonSetUpdateStrategyType.RollingUpdate)
        {
            var rolling = strategy.RollingUpdate ?? new RollingUpdateDaemonSet();
            rolling = rolling with
            {
                MaxUnavailable = rolling.MaxUnavailable ?? IntOrString.FromInt(1),
                MaxSurge = rolling.MaxSurge ?? IntOrString.FromInt(0),
            };
            strategy = strategy with { RollingUpdate = rolling };
        }

        var template = spec.Template with { Spec = ApplyPodSpec(spec.Template.Spec, isPod: false) };
        var defaulted = spec with
        {
            UpdateStrategy = strategy,
            RevisionHistoryLimit = spec.RevisionHistoryLimit ?? RevisionHistoryLimit,
            Template = template,
        };
        return defaulted == spec ? ds : ds with { Spec = defaulted };
    }

    /// <summary>Defaults a pod: its spec as <see cref="Apply(PodSpec)"/> does.</summary>
    /// <param name="pod">The pod as submitted.</param>
    /// <returns>The defaulted pod (<paramref name="pod"/> itself when nothing changes).</returns>
    public static Pod Apply(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = Apply(pod.Spec);
        return spec == pod.Spec ? pod : pod with { Spec = spec };
    }

    /// <summary>
    /// Defaults the spec of a pod: <c>restartPolicy</c> → Always when empty; <c>terminationGracePeriodSeconds</c> → 30
    /// when absent (a negative value becomes 1, as Kubernetes has done for pods since v1.27); <c>schedulerName</c> →
    /// <c>default-scheduler</c> when empty; port <c>protocol</c> → TCP when empty; under <c>hostNetwork</c> a zero
    /// <c>hostPort</c> becomes the <c>containerPort</c>; and every resource with a limit but no request gets a request
    /// equal to the limit (containers and init containers).
    /// </summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The defaulted spec (<paramref name="spec"/> itself when nothing changes).</returns>
    public static PodSpec Apply(PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return ApplyPodSpec(spec, isPod: true);
    }

    private static PodSpec ApplyPodSpec(PodSpec spec, bool isPod)
    {
        var grace = spec.TerminationGracePeriodSeconds ?? TerminationGracePeriodSeconds;
        if (isPod && grace < 0)
        {
            // Kubernetes converts a negative grace period on a Pod to 1 instead of rejecting it (kubernetes#115606).
            grace = 1;
        }

        var defaulted = spec with
        {
            RestartPolicy = spec.RestartPolicy.Length == 0 ? Model.RestartPolicy.Always : spec.RestartPolicy,
            TerminationGracePeriodSeconds = grace,
            SchedulerName = spec.SchedulerName.Length == 0 ? SchedulerName : spec.SchedulerName,
            Containers = ApplyContainers(spec.Containers, isPod, spec.HostNetwork),
            InitContainers = ApplyContainers(spec.InitContainers, isPod, spec.HostNetwork),
        };
        return defaulted == spec ? spec : defaulted;
    }

    private static EquatableArray<Container> ApplyContainers(EquatableArray<Container> containers, bool isPod, bool hostNetwork)
    {
        if (containers.IsEmpty)
        {
            return containers;
        }

        var result = containers.Select(c => ApplyContainer(c, isPod, hostNetwork)).ToEquatableArray();
        return result == containers ? containers : result;
    }

    private static Container ApplyContainer(Container container, bool isPod, bool hostNetwork)
    {
        var ports = container.Ports.IsEmpty
            ? container.Ports
            : container.Ports.Select(p => p with
            {
                Protocol = p.Protocol.Length == 0 ? PortProtocol.Tcp : p.Protocol,
                HostPort = isPod && hostNetwork && p.HostPort == 0 ? p.Port : p.HostPort,
            }).ToEquatableArray();

        var resources = container.Resources;
        if (isPod && !resources.Limits.IsEmpty)
        {
            var requests = resources.Requests;
            foreach (var limit in resources.Limits)
            {
                if (!requests.ContainsKey(limit.Key))
                {
                    requests = requests.With(limit.Key, limit.Value);
                }
            }

            resources = resources with { Requests = requests };
        }

        var defaulted = container with { Ports = ports, Resources = resources };
        return defaulted == container ? container : defaulted;
    }
}
