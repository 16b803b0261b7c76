using System.Globalization;
using Simulator.Model;

namespace Simulator.Admission;

/// <summary>One Pod Security check: a pure function of the pod spec, named by Kubernetes' check ID.</summary>
/// <param name="Id">Kubernetes' check ID; checks run in ordinal ID order, baseline before restricted.</param>
/// <param name="Level">The level that introduces the check.</param>
/// <param name="MinimumMinor">The first policy version (1.N) the check applies to.</param>
/// <param name="Evaluate">Returns the violation, or null when the pod passes.</param>
/// <param name="Overrides">Baseline check IDs this restricted check replaces when both apply.</param>
internal sealed record PodSecurityCheck(
    string Id,
    PodSecurityLevel Level,
    int MinimumMinor,
    Func<PodSpec, PodSecurityViolation?> Evaluate,
    params string[] Overrides);

/// <summary>
/// The checks of k8s.io/pod-security-admission that the model can express, with Kubernetes' IDs, versions and wording.
/// </summary>
internal static class PodSecurityChecks
{
    private const string CapabilityAll = "ALL";
    private const string CapabilityNetBindService = "NET_BIND_SERVICE";

    // The capabilities a container runtime grants by default; baseline lets a container add only these.
    private static readonly HashSet<string> BaselineCapabilities = new(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
        "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    /// <summary>Every check, sorted as Kubernetes' registry runs them: baseline IDs ordinally, then restricted IDs ordinally.</summary>
    public static IReadOnlyList<PodSecurityCheck> All { get; } =
    [
        .. new PodSecurityCheck[]
        {
            new("capabilities_baseline", PodSecurityLevel.Baseline, 0, CapabilitiesBaseline),
            new("hostNamespaces", PodSecurityLevel.Baseline, 0, HostNamespaces),
            new("hostPathVolumes", PodSecurityLevel.Baseline, 0, HostPathVolumes),
            new("hostPorts", PodSecurityLevel.Baseline, 0, HostPorts),
            new("privileged", PodSecurityLevel.Baseline, 0, Privileged),

            // Before 1.19 this check read the seccomp alpha annotations, which a PodSpec does not carry.
            new("seccompProfile_baseline", PodSecurityLevel.Baseline, 19, SeccompProfileBaseline),
            new("allowPrivilegeEscalation", PodSecurityLevel.Restricted, 8, AllowPrivilegeEscalation),
            new("capabilities_restricted", PodSecurityLevel.Restricted, 22, CapabilitiesRestricted, "capabilities_baseline"),
            new("restrictedVolumes", PodSecurityLevel.Restricted, 0, RestrictedVolumes, "hostPathVolumes"),
            new("runAsNonRoot", PodSecurityLevel.Restricted, 0, RunAsNonRoot),
            new("runAsUser", PodSecurityLevel.Restricted, 23, RunAsUser),
            new("seccompProfile_restricted", PodSecurityLevel.Restricted, 19, SeccompProfileRestricted, "seccompProfile_baseline"),
        }
        .OrderBy(c => c.Level)
        .ThenBy(c => c.Id, StringComparer.Ordinal),
    ];

    /// <summary>The checks that apply to a level at policy version 1.<paramref name="minor"/>, in run order.</summary>
    /// <param name="level">The level.</param>
    /// <param name="minor">The minor version; <see cref="int.MaxValue"/> for latest.</param>
    /// <returns>The checks.</returns>
    public static IEnumerable<PodSecurityCheck> For(PodSecurityLevel level, int minor)
    {
        if (level == PodSecurityLevel.Privileged)
        {
            return [];
        }

        var active = All.Where(c => c.MinimumMinor <= minor && c.Level <= level).ToList();
        var overridden = active.SelectMany(c => c.Overrides).ToHashSet(StringComparer.Ordinal);
        return active.Where(c => !overridden.Contains(c.Id));
    }

    // Kubernetes visits init containers, then containers, then ephemeral containers (which the model lacks).
    private static IEnumerable<Container> AllContainers(PodSpec spec) => spec.InitContainers.Concat(spec.Containers);

    private static string JoinQuote(IEnumerable<string> items) => string.Join(", ", items.Select(i => "\"" + i + "\""));

    private static string Plural(int count, string singular, string plural) => count == 1 ? singular : plural;

    private static string Containers(List<string> names) => Plural(names.Count, "container", "containers") + " " + JoinQuote(names);

    // Go's sets.String.List(): distinct and sorted bytewise.
    private static List<string> SortedSet(IEnumerable<string> items) => [.. items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static PodSecurityViolation? HostNamespaces(PodSpec spec)
    {
        var used = new List<string>();
        if (spec.HostNetwork)
        {
            used.Add("hostNetwork=true");
        }

        if (spec.HostPid)
        {
            used.Add("hostPID=true");
        }

        if (spec.HostIpc)
        {
            used.Add("hostIPC=true");
        }

        return used.Count == 0 ? null : new("host namespaces", string.Join(", ", used));
    }

    private static PodSecurityViolation? Privileged(PodSpec spec)
    {
        var bad = AllContainers(spec).Where(c => c.SecurityContext?.Privileged == true).Select(c => c.Name).ToList();
        return bad.Count == 0 ? null : new("privileged", $"{Containers(bad)} must not set securityContext.privileged=true");
    }

    private static PodSecurityViolation? CapabilitiesBaseline(PodSpec spec)
    {
        var bad = new List<string>();
        var added = new List<string>();
        foreach (var container in AllContainers(spec))
        {
            var forbidden = (container.SecurityContext?.Capabilities?.Add ?? default).Where(c => !BaselineCapabilities.Contains(c)).ToList();
            if (forbidden.Count != 0)
            {
                bad.Add(container.Name);
                added.AddRange(forbidden);
            }
        }

        return bad.Count == 0
            ? null
            : new("non-default capabilities", $"{Containers(bad)} must not include {JoinQuote(SortedSet(added))} in securityContext.capabilities.add");
    }

    private static PodSecurityViolation? HostPathVolumes(PodSpec spec)
    {
        var bad = spec.Volumes.Where(v => v.HostPath is not null).Select(v => v.Name).ToList();
        return bad.Count == 0 ? null : new("hostPath volumes", $"{Plural(bad.Count, "volume", "volumes")} {JoinQuote(bad)}");
    }

    private static PodSecurityViolation? HostPorts(PodSpec spec)
    {
        var bad = new List<string>();
        var ports = new List<string>();
        foreach (var container in AllContainers(spec))
        {
            var hostPorts = container.Ports.Where(p => p.HostPort != 0).Select(p => p.HostPort.ToString(CultureInfo.InvariantCulture)).ToList();
            if (hostPorts.Count != 0)
            {
                bad.Add(container.Name);
                ports.AddRange(hostPorts);
            }
        }

        if (bad.Count == 0)
        {
            return null;
        }

        // Kubernetes sorts the ports as strings, so 10000 comes before 80.
        var sorted = SortedSet(ports);
        return new("hostPort", $"{Containers(bad)} {Plural(bad.Count, "uses", "use")} {Plural(sorted.Count, "hostPort", "hostPorts")} {string.Join(", ", sorted)}");
    }

    private static bool ValidSeccomp(SeccompProfile profile) => profile.Type is "RuntimeDefault" or "Localhost";

    private static PodSecurityViolation? SeccompProfileBaseline(PodSpec spec) => Seccomp(spec, requireProfile: false);

    private static PodSecurityViolation? SeccompProfileRestricted(PodSpec spec) => Seccomp(spec, requireProfile: true);

    // Baseline forbids explicitly bad profiles; restricted also requires one on the pod or on every container.
    private static PodSecurityViolation? Seccomp(PodSpec spec, bool requireProfile)
    {
        var setters = new List<string>();
        var badValues = new List<string>();
        var podProfile = spec.SecurityContext?.SeccompProfile;
        var podValid = false;
        if (podProfile is not null)
        {
            if (ValidSeccomp(podProfile))
            {
                podValid = true;
            }
            else
            {
                setters.Add("pod");
                badValues.Add(podProfile.Type);
            }
        }

        var explicitlyBad = new List<string>();
        var implicitlyBad = new List<string>();
        foreach (var container in AllContainers(spec))
        {
            var profile = container.SecurityContext?.SeccompProfile;
            if (profile is not null)
            {
                if (!ValidSeccomp(profile))
                {
                    explicitlyBad.Add(container.Name);
                    badValues.Add(profile.Type);
                }
            }
            else if (!podValid)
            {
                implicitlyBad.Add(container.Name);
            }
        }

        if (explicitlyBad.Count != 0)
        {
            setters.Add(Containers(explicitlyBad));
        }

        if (setters.Count != 0)
        {
            return new("seccompProfile", $"{string.Join(" and ", setters)} must not set securityContext.seccompProfile.type to {JoinQuote(SortedSet(badValues))}");
        }

        if (requireProfile && implicitlyBad.Count != 0)
        {
            return new("seccompProfile", $"pod or {Containers(implicitlyBad)} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
        }

        return null;
    }

    private static PodSecurityViolation? AllowPrivilegeEscalation(PodSpec spec)
    {
        var bad = AllContainers(spec).Where(c => c.SecurityContext?.AllowPrivilegeEscalation != false).Select(c => c.Name).ToList();
        return bad.Count == 0
            ? null
            : new("allowPrivilegeEscalation != false", $"{Containers(bad)} must set securityContext.allowPrivilegeEscalation=false");
    }

    private static PodSecurityViolation? CapabilitiesRestricted(PodSpec spec)
    {
        var missingDropAll = new List<string>();
        var addingForbidden = new List<string>();
        var forbidden = new List<string>();
        foreach (var container in AllContainers(spec))
        {
            var capabilities = container.SecurityContext?.Capabilities;
            if (capabilities is null)
            {
                missingDropAll.Add(container.Name);
                continue;
            }

            if (!capabilities.Drop.Contains(CapabilityAll, StringComparer.Ordinal))
            {
                missingDropAll.Add(container.Name);
            }

            var added = capabilities.Add.Where(c => c != CapabilityNetBindService).ToList();
            if (added.Count != 0)
            {
                addingForbidden.Add(container.Name);
                forbidden.AddRange(added);
            }
        }

        var details = new List<string>();
        if (missingDropAll.Count != 0)
        {
            details.Add($"{Containers(missingDropAll)} must set securityContext.capabilities.drop=[\"ALL\"]");
        }

        if (addingForbidden.Count != 0)
        {
            details.Add($"{Containers(addingForbidden)} must not include {JoinQuote(SortedSet(forbidden))} in securityContext.capabilities.add");
        }

        return details.Count == 0 ? null : new("unrestricted capabilities", string.Join("; ", details));
    }

    private static PodSecurityViolation? RestrictedVolumes(PodSpec spec)
    {
        var bad = new List<string>();
        var types = new List<string>();
        foreach (var volume in spec.Volumes)
        {
            // Allowed sources win, as in Kubernetes' switch. A volume with no modelled source stands for a source the model
            // does not represent (persistentVolumeClaim, projected, downwardAPI, ...), so it is treated as allowed.
            if (volume.ConfigMap is not null || volume.EmptyDir || volume.Secret is not null || volume.HostPath is null)
            {
                continue;
            }

            bad.Add(volume.Name);
            types.Add("hostPath");
        }

        if (bad.Count == 0)
        {
            return null;
        }

        var sortedTypes = SortedSet(types);
        return new(
            "restricted volume types",
            $"{Plural(bad.Count, "volume", "volumes")} {JoinQuote(bad)} {Plural(bad.Count, "uses", "use")} " +
            $"{Plural(sortedTypes.Count, "restricted volume type", "restricted volume types")} {JoinQuote(sortedTypes)}");
    }

    private static PodSecurityViolation? RunAsNonRoot(PodSpec spec)
    {
        var setters = new List<string>();
        var podNonRoot = false;
        if (spec.SecurityContext?.RunAsNonRoot is { } podValue)
        {
            if (podValue)
            {
                podNonRoot = true;
            }
            else
            {
                setters.Add("pod");
            }
        }

        var explicitlyBad = new List<string>();
        var implicitlyBad = new List<string>();
        foreach (var container in AllContainers(spec))
        {
            if (container.SecurityContext?.RunAsNonRoot is { } value)
            {
                if (!value)
                {
                    explicitlyBad.Add(container.Name);
                }
            }
            else if (!podNonRoot)
            {
                implicitlyBad.Add(container.Name);
            }
        }

        if (explicitlyBad.Count != 0)
        {
            setters.Add(Containers(explicitlyBad));
        }

        if (setters.Count != 0)
        {
            return new("runAsNonRoot != true", $"{string.Join(" and ", setters)} must not set securityContext.runAsNonRoot=false");
        }

        return implicitlyBad.Count == 0
            ? null
            : new("runAsNonRoot != true", $"pod or {Containers(implicitlyBad)} must set securityContext.runAsNonRoot=true");
    }

    private static PodSecurityViolation? RunAsUser(PodSpec spec)
    {
        var setters = new List<string>();
        if (spec.SecurityContext?.RunAsUser == 0)
        {
            setters.Add("pod");
        }

        var bad = AllContainers(spec).Where(c => c.SecurityContext?.RunAsUser == 0).Select(c => c.Name).ToList();
        if (bad.Count != 0)
        {
            setters.Add(Containers(bad));
        }

        return setters.Count == 0 ? null : new("runAsUser=0", $"{string.Join(" and ", setters)} must not set runAsUser=0");
    }
}
