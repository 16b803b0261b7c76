using Simulator.Model;

namespace Simulator.Validation;

/// <content>Pod spec validation (<c>ValidatePodSpec</c> and the container, resource, security, affinity and toleration checks it calls).</content>
public static partial class ObjectValidation
{
    private const string PortRangeMessage = "must be between 1 and 65535, inclusive";
    private const string IdRangeMessage = "must be between 0 and 2147483647, inclusive";

    private static readonly string[] RestartPolicies = [RestartPolicy.Always, RestartPolicy.OnFailure, RestartPolicy.Never];

    // sets.List order (sorted), as Kubernetes prints the supported protocols.
    private static readonly string[] Protocols = [PortProtocol.Sctp, PortProtocol.Tcp, PortProtocol.Udp];

    private static readonly string[] HostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    private static readonly string[] SeccompTypes = ["Localhost", "RuntimeDefault", "Unconfined"];

    private static readonly HashSet<string> IntegerResources = new(StringComparer.Ordinal)
    {
        "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims",
        "services.nodeports", "services.loadbalancers",
    };

    private static readonly HashSet<string> StandardResources = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu",
        "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
        "configmaps", "persistentvolumeclaims", "requests.storage", "services.nodeports", "services.loadbalancers",
    };

    private static void ValidatePodSpecCore(List<FieldError> errors, PodSpec spec, FieldPath path, bool isPod)
    {
        if (spec.TerminationGracePeriodSeconds is null)
        {
            errors.Add(FieldError.Required(path.Child("terminationGracePeriodSeconds")));
        }

        ValidateVolumes(errors, spec.Volumes, path.Child("volumes"));
        ValidateContainers(errors, spec.Containers, path.Child("containers"));
        ValidateInitContainers(errors, spec.InitContainers, spec.Containers, path.Child("initContainers"));
        ValidateHostNetworkPorts(errors, spec, path, isPod);
        ValidateRestartPolicy(errors, spec.RestartPolicy, path.Child("restartPolicy"));
        ValidateLabels(errors, spec.NodeSelector, path.Child("nodeSelector"));
        ValidatePodSecurityContext(errors, spec.SecurityContext, path.Child("securityContext"));
        if (spec.Affinity?.NodeAffinity is { } nodeAffinity)
        {
            ValidateNodeAffinity(errors, nodeAffinity, path.Child("affinity", "nodeAffinity"));
        }

        if (spec.NodeName.Length != 0)
        {
            foreach (var message in NameRules.Dns1123Subdomain(spec.NodeName))
            {
                errors.Add(FieldError.Invalid(path.Child("nodeName"), GoSyntax.Quote(spec.NodeName), message));
            }
        }

        if (spec.ActiveDeadlineSeconds is { } deadline && (deadline < 1 || deadline > int.MaxValue))
        {
            errors.Add(FieldError.Invalid(path.Child("activeDeadlineSeconds"), GoSyntax.Int(deadline), "must be between 1 and 2147483647, inclusive"));
        }

        ValidateTolerations(errors, spec.Tolerations, path.Child("tolerations"));
        if (spec.PriorityClassName.Length != 0)
        {
            foreach (var message in NameRules.Dns1123Subdomain(spec.PriorityClassName))
            {
                errors.Add(FieldError.Invalid(path.Child("priorityClassName"), GoSyntax.Quote(spec.PriorityClassName), message));
            }
        }

        if (spec.PreemptionPolicy is { } policy)
        {
            ValidatePreemptionPolicy(errors, policy, path.Child("preemptionPolicy"));
        }
    }

    private static void ValidateRestartPolicy(List<FieldError> errors, string policy, FieldPath path)
    {
        if (policy.Length == 0)
        {
            errors.Add(FieldError.Required(path));
        }
        else if (!RestartPolicies.Contains(policy))
        {
            errors.Add(FieldError.NotSupported(path, GoSyntax.Quote(policy), RestartPolicies));
        }
    }

    // ----- Volumes -----

    private static void ValidateVolumes(List<FieldError> errors, EquatableArray<Volume> volumes, FieldPath path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i];
            var itemPath = path.Index(i);
            var volumeErrors = new List<FieldError>();
            ValidateVolumeSource(volumeErrors, volume, itemPath);
            ValidateDnsLabelName(volumeErrors, volume.Name, itemPath.Child("name"));

            if (names.Contains(volume.Name))
            {
                volumeErrors.Add(FieldError.Duplicate(itemPath.Child("name"), GoSyntax.Quote(volume.Name)));
            }

            if (volumeErrors.Count == 0)
            {
                names.Add(volume.Name);
            }

            errors.AddRange(volumeErrors);
        }
    }

    private static void ValidateVolumeSource(List<FieldError> errors, Volume volume, FieldPath path)
    {
        // Kubernetes checks the sources in this order and reports every source after the first.
        var count = 0;
        if (volume.EmptyDir)
        {
            count++;
        }

        if (volume.HostPath is { } hostPath)
        {
            if (count++ > 0)
            {
                errors.Add(FieldError.Forbidden(path.Child("hostPath"), "may not specify more than 1 volume type"));
            }
            else if (hostPath.Length == 0)
            {
                errors.Add(FieldError.Required(path.Child("hostPath", "path")));
            }
            else
            {
                if (hostPath.Split('/').Contains(".."))
                {
                    errors.Add(FieldError.Invalid(path.Child("hostPath", "path"), GoSyntax.Quote(hostPath), "must not contain '..'"));
                }

                if (volume.HostPathType is { } type && !HostPathTypes.Contains(type))
                {
                    errors.Add(FieldError.NotSupported(path.Child("hostPath", "type"), GoSyntax.Quote(type), HostPathTypes));
                }
            }
        }

        if (volume.Secret is { } secret)
        {
            if (count++ > 0)
            {
                errors.Add(FieldError.Forbidden(path.Child("secret"), "may not specify more than 1 volume type"));
            }
            else if (secret.Length == 0)
            {
                errors.Add(FieldError.Required(path.Child("secret", "secretName")));
            }
        }

        if (volume.ConfigMap is { } configMap)
        {
            if (count++ > 0)
            {
                errors.Add(FieldError.Forbidden(path.Child("configMap"), "may not specify more than 1 volume type"));
            }
            else if (configMap.Length == 0)
            {
                errors.Add(FieldError.Required(path.Child("configMap", "name")));
            }
        }

        if (count == 0)
        {
            errors.Add(FieldError.Required(path, "must specify a volume type"));
        }
    }

    // ----- Containers -----

    private static void ValidateContainers(List<FieldError> errors, EquatableArray<Container> containers, FieldPath path)
    {
        if (containers.IsEmpty)
        {
            errors.Add(FieldError.Required(path));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var itemPath = path.Index(i);
            ValidateContainerCommon(errors, container, itemPath);
            if (!names.Add(container.Name))
            {
                errors.Add(FieldError.Duplicate(itemPath.Child("name"), GoSyntax.Quote(container.Name)));
            }

            if (container.RestartPolicy is not null)
            {
                errors.Add(FieldError.Forbidden(itemPath.Child("restartPolicy"), "may not be set for non-init containers"));
            }
        }

        ValidateHostPortConflicts(errors, containers, path);
    }

    private static void ValidateInitContainers(List<FieldError> errors, EquatableArray<Container> initContainers, EquatableArray<Container> containers, FieldPath path)
    {
        if (initContainers.IsEmpty)
        {
            return;
        }

        var names = new HashSet<string>(containers.Select(c => c.Name), StringComparer.Ordinal);
        for (var i = 0; i < initContainers.Count; i++)
        {
            var container = initContainers[i];
            var itemPath = path.Index(i);
            ValidateContainerCommon(errors, container, itemPath);
            if (container.RestartPolicy is { } policy && policy != RestartPolicy.Always)
            {
                errors.Add(FieldError.NotSupported(itemPath.Child("restartPolicy"), GoSyntax.Quote(policy), RestartPolicy.Always));
            }

            if (names.Contains(container.Name))
            {
                errors.Add(FieldError.Duplicate(itemPath.Child("name"), GoSyntax.Quote(container.Name)));
            }
            else if (container.Name.Length != 0)
            {
                names.Add(container.Name);
            }

            // Init containers run one at a time, so each is checked alone; Kubernetes passes a one-element list, which is
            // why the reported index is always [0].
            ValidateHostPortConflicts(errors, [container], path);
        }
    }

    /// <summary>A required DNS-1123 label (container and volume names).</summary>
    private static void ValidateDnsLabelName(List<FieldError> errors, string name, FieldPath path)
    {
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required(path));
            return;
        }

        foreach (var message in NameRules.Dns1123Label(name))
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.Quote(name), message));
        }
    }

    private static void ValidateContainerCommon(List<FieldError> errors, Container container, FieldPath path)
    {
        ValidateDnsLabelName(errors, container.Name, path.Child("name"));

        if (container.Image.Length == 0)
        {
            errors.Add(FieldError.Required(path.Child("image")));
        }

        ValidatePorts(errors, container.Ports, path.Child("ports"));
        ValidateVolumeMounts(errors, container.VolumeMounts, path.Child("volumeMounts"));
        ValidateResources(errors, container.Resources, path.Child("resources"));
        ValidateSecurityContext(errors, container.SecurityContext, path.Child("securityContext"));
    }

    private static void ValidateImagesOnlyForPod(List<FieldError> errors, EquatableArray<Container> containers, FieldPath path)
    {
        for (var i = 0; i < containers.Count; i++)
        {
            var image = containers[i].Image;
            if (image.Length != image.Trim().Length)
            {
                errors.Add(FieldError.Invalid(path.Index(i).Child("image"), GoSyntax.Quote(image), "must not have leading or trailing whitespace"));
            }
        }
    }

    private static void ValidatePorts(List<FieldError> errors, EquatableArray<ContainerPort> ports, FieldPath path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var itemPath = path.Index(i);
            if (port.Name.Length != 0)
            {
                var nameErrors = PortNameErrors(port.Name);
                foreach (var message in nameErrors)
                {
                    errors.Add(FieldError.Invalid(itemPath.Child("name"), GoSyntax.Quote(port.Name), message));
                }

                if (nameErrors.Count == 0 && !names.Add(port.Name))
                {
                    errors.Add(FieldError.Duplicate(itemPath.Child("name"), GoSyntax.Quote(port.Name)));
                }
            }

            if (port.Port == 0)
            {
                errors.Add(FieldError.Required(itemPath.Child("containerPort")));
            }
            else if (port.Port is < 1 or > 65535)
            {
                errors.Add(FieldError.Invalid(itemPath.Child("containerPort"), GoSyntax.Int(port.Port), PortRangeMessage));
            }

            if (port.HostPort != 0 && port.HostPort is < 1 or > 65535)
            {
                errors.Add(FieldError.Invalid(itemPath.Child("hostPort"), GoSyntax.Int(port.HostPort), PortRangeMessage));
            }

            if (port.Protocol.Length == 0)
            {
                errors.Add(FieldError.Required(itemPath.Child("protocol")));
            }
            else if (!Protocols.Contains(port.Protocol))
            {
                errors.Add(FieldError.NotSupported(itemPath.Child("protocol"), GoSyntax.Quote(port.Protocol), Protocols));
            }
        }
    }

    // An IANA service name: at most 15 characters of [-a-z0-9], at least one letter, no "--", no dash at either end.
    private static List<string> PortNameErrors(string name)
    {
        var errors = new List<string>();
        if (name.Length > 15)
        {
            errors.Add("must be no more than 15 characters");
        }

        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!name.Any(c => c is >= 'a' and <= 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (name.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (name[0] == '-' || name[^1] == '-')
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    private static void ValidateHostPortConflicts(List<FieldError> errors, EquatableArray<Container> containers, FieldPath path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var ports = containers[i].Ports;
            for (var j = 0; j < ports.Count; j++)
            {
                var port = ports[j];
                if (port.HostPort == 0)
                {
                    continue;
                }

                var key = $"{port.Protocol}/{port.HostIp}/{GoSyntax.Int(port.HostPort)}";
                if (!seen.Add(key))
                {
                    errors.Add(FieldError.Duplicate(path.Index(i).Child("ports").Index(j).Child("hostPort"), GoSyntax.Quote(key)));
                }
            }
        }
    }

    private static void ValidateHostNetworkPorts(List<FieldError> errors, PodSpec spec, FieldPath path, bool isPod)
    {
        if (!spec.HostNetwork)
        {
            return;
        }

        // Only regular containers are checked, as in Kubernetes. A template may leave hostPort 0: the pod gets it defaulted.
        for (var i = 0; i < spec.Containers.Count; i++)
        {
            var ports = spec.Containers[i].Ports;
            for (var j = 0; j < ports.Count; j++)
            {
                var port = ports[j];
                if ((isPod || port.HostPort != 0) && port.HostPort != port.Port)
                {
                    errors.Add(FieldError.Invalid(
                        path.Child("containers").Index(i).Child("ports").Index(j).Child("hostPort"),
                        GoSyntax.Int(port.HostPort),
                        "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
    }

    private static void ValidateVolumeMounts(List<FieldError> errors, EquatableArray<VolumeMount> mounts, FieldPath path)
    {
        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mounts.Count; i++)
        {
            var mount = mounts[i];
            var itemPath = path.Index(i);
            if (mount.Name.Length == 0)
            {
                errors.Add(FieldError.Required(itemPath.Child("name")));
            }

            // Kubernetes also reports a mount of an unknown volume ("Not found"), an error type FieldError lacks.
            if (mount.MountPath.Length == 0)
            {
                errors.Add(FieldError.Required(itemPath.Child("mountPath")));
            }

            if (!mountPaths.Add(mount.MountPath))
            {
                errors.Add(FieldError.Invalid(itemPath.Child("mountPath"), GoSyntax.Quote(mount.MountPath), "must be unique"));
            }
        }
    }

    // ----- Resources -----

    private static void ValidateResources(List<FieldError> errors, ResourceRequirements resources, FieldPath path)
    {
        var limitsPath = path.Child("limits");
        var requestsPath = path.Child("requests");
        var hasCpuOrMemory = false;
        var hasHugePages = false;
        foreach (var pair in resources.Limits)
        {
            var itemPath = limitsPath.Key(pair.Key);
            ValidateContainerResourceName(errors, pair.Key, itemPath);
            ValidateQuantityValue(errors, pair.Key, pair.Value, itemPath);
            hasHugePages |= IsHugePages(pair.Key);
            hasCpuOrMemory |= pair.Key is ResourceNames.Cpu or ResourceNames.Memory;
        }

        foreach (var pair in resources.Requests)
        {
            var itemPath = requestsPath.Key(pair.Key);
            ValidateContainerResourceName(errors, pair.Key, itemPath);
            ValidateQuantityValue(errors, pair.Key, pair.Value, itemPath);
            var request = pair.Value;
            if (resources.Limits.TryGetValue(pair.Key, out var limit))
            {
                // Resources that cannot be overcommitted need request == limit; the others need request <= limit.
                if (request != limit && !IsOvercommitAllowed(pair.Key))
                {
                    errors.Add(FieldError.Invalid(requestsPath, GoSyntax.Quote(request.ToString()), $"must be equal to {pair.Key} limit of {limit}"));
                }
                else if (request > limit)
                {
                    errors.Add(FieldError.Invalid(requestsPath, GoSyntax.Quote(request.ToString()), $"must be less than or equal to {pair.Key} limit of {limit}"));
                }
            }
            else if (!IsOvercommitAllowed(pair.Key))
            {
                errors.Add(FieldError.Required(limitsPath, "Limit must be set for non overcommitable resources"));
            }

            hasHugePages |= IsHugePages(pair.Key);
            hasCpuOrMemory |= pair.Key is ResourceNames.Cpu or ResourceNames.Memory;
        }

        if (hasHugePages && !hasCpuOrMemory)
        {
            errors.Add(FieldError.Forbidden(path, "HugePages require cpu or memory"));
        }
    }

    private static void ValidateContainerResourceName(List<FieldError> errors, string name, FieldPath path)
    {
        var nameErrors = QualifiedNameErrors(name);
        foreach (var message in nameErrors)
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.Quote(name), message));
        }

        var prefixed = name.Contains('/', StringComparison.Ordinal);
        if (nameErrors.Count == 0 && !prefixed && !IsStandardResourceName(name))
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.Quote(name), "must be a standard resource type or fully qualified"));
        }

        if (!prefixed)
        {
            if (!IsStandardContainerResourceName(name))
            {
                errors.Add(FieldError.Invalid(path, GoSyntax.Quote(name), "must be a standard resource for containers"));
            }
        }
        else if (!IsNativeResource(name) && !IsExtendedResourceName(name))
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.Quote(name), "doesn't follow extended resource name standard"));
        }
    }

    private static void ValidateQuantityValue(List<FieldError> errors, string name, Quantity quantity, FieldPath path)
    {
        if (quantity.Sign < 0)
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.Quote(quantity.ToString()), NegativeMessage));
        }

        // A quantity prints through its String() method, unquoted.
        if (IsIntegerResourceName(name) && quantity.MilliValue % 1000 != 0)
        {
            errors.Add(FieldError.Invalid(path, quantity.ToString(), "must be an integer"));
        }
    }

    private static bool IsHugePages(string name) => name.StartsWith("hugepages-", StringComparison.Ordinal);

    private static bool IsNativeResource(string name) =>
        !name.Contains('/', StringComparison.Ordinal) || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    private static bool IsOvercommitAllowed(string name) => IsNativeResource(name) && !IsHugePages(name);

    private static bool IsExtendedResourceName(string name) =>
        !IsNativeResource(name) && !name.StartsWith("requests.", StringComparison.Ordinal) && QualifiedNameErrors("requests." + name).Count == 0;

    private static bool IsIntegerResourceName(string name) => IntegerResources.Contains(name) || IsExtendedResourceName(name);

    private static bool IsStandardContainerResourceName(string name) =>
        name is ResourceNames.Cpu or ResourceNames.Memory or ResourceNames.EphemeralStorage || IsHugePages(name);

    private static bool IsStandardResourceName(string name) =>
        StandardResources.Contains(name) || IsHugePages(name) || name.StartsWith("requests.hugepages-", StringComparison.Ordinal) || name.StartsWith("limits.hugepages-", StringComparison.Ordinal);

    // ----- Security -----

    private static void ValidatePodSecurityContext(List<FieldError> errors, PodSecurityContext? context, FieldPath path)
    {
        if (context is null)
        {
            return;
        }

        ValidateId(errors, context.FsGroup, path.Child("fsGroup"));
        ValidateId(errors, context.RunAsUser, path.Child("runAsUser"));
        ValidateId(errors, context.RunAsGroup, path.Child("runAsGroup"));
        ValidateSeccomp(errors, context.SeccompProfile, path.Child("seccompProfile"));
    }

    private static void ValidateSecurityContext(List<FieldError> errors, SecurityContext? context, FieldPath path)
    {
        if (context is null)
        {
            return;
        }

        ValidateId(errors, context.RunAsUser, path.Child("runAsUser"));
        ValidateId(errors, context.RunAsGroup, path.Child("runAsGroup"));
        ValidateSeccomp(errors, context.SeccompProfile, path.Child("seccompProfile"));
        if (context.AllowPrivilegeEscalation == false)
        {
            if (context.Privileged == true)
            {
                errors.Add(FieldError.Invalid(path, RenderSecurityContext(context), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
            }

            foreach (var capability in context.Capabilities?.Add ?? EquatableArray<string>.Empty)
            {
                if (capability == "CAP_SYS_ADMIN")
                {
                    errors.Add(FieldError.Invalid(path, RenderSecurityContext(context), "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
                }
            }
        }
    }

    // core.SecurityContext as %#v prints it (v1.30+ field list); the fields the model lacks are nil.
    private static string RenderSecurityContext(SecurityContext c) =>
        "core.SecurityContext{" +
        $"Capabilities:{GoSyntax.Pointer("core.Capabilities", c.Capabilities is null)}, " +
        $"Privileged:{GoSyntax.Pointer("bool", c.Privileged is null)}, " +
        $"SELinuxOptions:{GoSyntax.Pointer("core.SELinuxOptions", isNil: true)}, " +
        $"WindowsOptions:{GoSyntax.Pointer("core.WindowsSecurityContextOptions", isNil: true)}, " +
        $"RunAsUser:{GoSyntax.Pointer("int64", c.RunAsUser is null)}, " +
        $"RunAsGroup:{GoSyntax.Pointer("int64", c.RunAsGroup is null)}, " +
        $"RunAsNonRoot:{GoSyntax.Pointer("bool", c.RunAsNonRoot is null)}, " +
        $"ReadOnlyRootFilesystem:{GoSyntax.Pointer("bool", c.ReadOnlyRootFilesystem is null)}, " +
        $"AllowPrivilegeEscalation:{GoSyntax.Pointer("bool", c.AllowPrivilegeEscalation is null)}, " +
        $"ProcMount:{GoSyntax.Pointer("core.ProcMountType", isNil: true)}, " +
        $"SeccompProfile:{GoSyntax.Pointer("core.SeccompProfile", c.SeccompProfile is null)}, " +
        $"AppArmorProfile:{GoSyntax.Pointer("core.AppArmorProfile", isNil: true)}}}";

    private static void ValidateId(List<FieldError> errors, long? id, FieldPath path)
    {
        if (id is { } value && (value < 0 || value > int.MaxValue))
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.Int(value), IdRangeMessage));
        }
    }

    private static void ValidateSeccomp(List<FieldError> errors, SeccompProfile? profile, FieldPath path)
    {
        if (profile is null)
        {
            return;
        }

        if (profile.Type.Length == 0)
        {
            errors.Add(FieldError.Required(path.Child("type"), "type is required when seccompProfile is set"));
        }
        else if (!SeccompTypes.Contains(profile.Type))
        {
            errors.Add(FieldError.NotSupported(path.Child("type"), GoSyntax.Quote(profile.Type), SeccompTypes));
        }

        var localhostPath = path.Child("localhostProfile");
        if (profile.Type == "Localhost")
        {
            if (profile.LocalhostProfile is not { } local)
            {
                errors.Add(FieldError.Required(localhostPath, "must be set when seccomp type is Localhost"));
                return;
            }

            if (local.StartsWith('/'))
            {
                errors.Add(FieldError.Invalid(localhostPath, GoSyntax.Quote(local), "must be a relative path"));
            }

            if (local.Split('/').Contains(".."))
            {
                errors.Add(FieldError.Invalid(localhostPath, GoSyntax.Quote(local), "must not contain '..'"));
            }
        }
        else if (profile.LocalhostProfile is not null)
        {
            var value = $"core.SeccompProfile{{Type:{GoSyntax.Quote(profile.Type)}, LocalhostProfile:{GoSyntax.Pointer("string", isNil: false)}}}";
            errors.Add(FieldError.Invalid(localhostPath, value, "can only be set when seccomp type is Localhost"));
        }
    }

    // ----- Node affinity -----

    private static void ValidateNodeAffinity(List<FieldError> errors, NodeAffinity affinity, FieldPath path)
    {
        if (affinity.Required is { } required)
        {
            var termsPath = path.Child("requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
            if (required.NodeSelectorTerms.IsEmpty)
            {
                errors.Add(FieldError.Required(termsPath, "must have at least one node selector term"));
            }
            else
            {
                for (var i = 0; i < required.NodeSelectorTerms.Count; i++)
                {
                    ValidateNodeSelectorTerm(errors, required.NodeSelectorTerms[i], termsPath.Index(i));
                }
            }
        }

        var preferredPath = path.Child("preferredDuringSchedulingIgnoredDuringExecution");
        for (var i = 0; i < affinity.Preferred.Count; i++)
        {
            var term = affinity.Preferred[i];
            if (term.Weight is <= 0 or > 100)
            {
                errors.Add(FieldError.Invalid(preferredPath.Index(i).Child("weight"), GoSyntax.Int(term.Weight), "must be in the range 1-100"));
            }

            ValidateNodeSelectorTerm(errors, term.Preference, preferredPath.Index(i).Child("preference"));
        }
    }

    /// <summary>
    /// The operator and value count of a label requirement: In/NotIn need values, Exists/DoesNotExist forbid them, and (node
    /// selectors only) Gt/Lt need exactly one.
    /// </summary>
    private static void ValidateRequirementOperator(List<FieldError> errors, SelectorRequirement requirement, FieldPath itemPath, bool allowNumeric)
    {
        switch (requirement.Operator)
        {
            case SelectorOperator.In:
            case SelectorOperator.NotIn:
                if (requirement.Values.IsEmpty)
                {
                    errors.Add(FieldError.Required(itemPath.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }

                break;
            case SelectorOperator.Exists:
            case SelectorOperator.DoesNotExist:
                if (!requirement.Values.IsEmpty)
                {
                    errors.Add(FieldError.Forbidden(itemPath.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }

                break;
            case SelectorOperator.Gt or SelectorOperator.Lt when allowNumeric:
                if (requirement.Values.Count != 1)
                {
                    errors.Add(FieldError.Required(itemPath.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
                }

                break;
            default:
                errors.Add(FieldError.Invalid(itemPath.Child("operator"), GoSyntax.Quote(requirement.Operator), "not a valid selector operator"));
                break;
        }
    }

    private static void ValidateNodeSelectorTerm(List<FieldError> errors, NodeSelectorTerm term, FieldPath path)
    {
        // An empty term is accepted (it matches nothing); values of label requirements are not validated.
        for (var j = 0; j < term.MatchExpressions.Count; j++)
        {
            var requirement = term.MatchExpressions[j];
            var itemPath = path.Child("matchExpressions").Index(j);
            ValidateRequirementOperator(errors, requirement, itemPath, allowNumeric: true);

            ValidateLabelKey(errors, requirement.Key, itemPath.Child("key"));
        }

        for (var j = 0; j < term.MatchFields.Count; j++)
        {
            var requirement = term.MatchFields[j];
            var itemPath = path.Child("matchFields").Index(j);
            if (requirement.Operator is SelectorOperator.In or SelectorOperator.NotIn)
            {
                if (requirement.Values.Count != 1)
                {
                    errors.Add(FieldError.Required(itemPath.Child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
                }
            }
            else
            {
                errors.Add(FieldError.Invalid(itemPath.Child("operator"), GoSyntax.Quote(requirement.Operator), "not a valid selector operator"));
            }

            if (requirement.Key != NodeFieldSelectorKeys.NodeName)
            {
                errors.Add(FieldError.Invalid(itemPath.Child("key"), GoSyntax.Quote(requirement.Key), "not a valid field selector key"));
            }
            else
            {
                for (var k = 0; k < requirement.Values.Count; k++)
                {
                    foreach (var message in NameRules.Dns1123Subdomain(requirement.Values[k]))
                    {
                        errors.Add(FieldError.Invalid(itemPath.Child("values").Index(k), GoSyntax.Quote(requirement.Values[k]), message));
                    }
                }
            }
        }
    }

    // ----- Tolerations -----

    private static void ValidateTolerations(List<FieldError> errors, EquatableArray<Toleration> tolerations, FieldPath path)
    {
        for (var i = 0; i < tolerations.Count; i++)
        {
            var toleration = tolerations[i];
            var itemPath = path.Index(i);
            if (toleration.Key.Length != 0)
            {
                ValidateLabelKey(errors, toleration.Key, itemPath.Child("key"));
            }

            if (toleration.Key.Length == 0 && toleration.Operator != TolerationOperator.Exists)
            {
                errors.Add(FieldError.Invalid(itemPath.Child("operator"), GoSyntax.Quote(toleration.Operator),
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }

            if (toleration.TolerationSeconds is not null && toleration.Effect != TaintEffect.NoExecute)
            {
                errors.Add(FieldError.Invalid(itemPath.Child("effect"), GoSyntax.Quote(toleration.Effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }

            switch (toleration.Operator)
            {
                case "":
                case TolerationOperator.Equal:
                    var valueErrors = NameRules.LabelValue(toleration.Value);
                    if (valueErrors.Count != 0)
                    {
                        // Kubernetes reports a bad value under "operator", joining the messages with ";".
                        errors.Add(FieldError.Invalid(itemPath.Child("operator"), GoSyntax.Quote(toleration.Value), string.Join(";", valueErrors)));
                    }

                    break;
                case TolerationOperator.Exists:
                    if (toleration.Value.Length != 0)
                    {
                        errors.Add(FieldError.Invalid(itemPath.Child("operator"), GoSyntax.Quote(toleration.Value), "value must be empty when `operator` is 'Exists'"));
                    }

                    break;
                default:
                    errors.Add(FieldError.NotSupported(itemPath.Child("operator"), GoSyntax.Quote(toleration.Operator), TolerationOperator.Equal, TolerationOperator.Exists));
                    break;
            }

            ValidateTaintEffect(errors, toleration.Effect, allowEmpty: true, itemPath.Child("effect"));
        }
    }
}
