using System.Globalization;
using Simulator.Model;

namespace Simulator.Validation;

/// <summary>
/// API-server validation of the simulator's objects, with Kubernetes' field paths, error types and messages
/// (<c>pkg/apis/apps/validation</c>, <c>pkg/apis/core/validation</c>, <c>pkg/apis/scheduling/validation</c> and
/// apimachinery's object-metadata checks).
/// </summary>
/// <remarks>
/// <para>
/// Every method returns every error it finds, in Kubernetes' order; an empty list means valid. Where Kubernetes walks a
/// Go map (labels, resources), the simulator walks it in ordinal key order, so the order of errors is deterministic.
/// Bad values are rendered as the v1.32/v1.33 API server prints them (see <c>GoSyntax</c>).
/// </para>
/// <para>Validation expects a defaulted object (<see cref="Defaults"/>), as the API server does.</para>
/// </remarks>
public static partial class ObjectValidation
{
    private const string ImmutableMessage = "field is immutable";
    private const string NegativeMessage = "must be greater than or equal to 0";

    // apimachinery's message for a name part that does not match the qualified-name pattern.
    private const string NamePartPatternMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string PercentMessage =
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

    private static readonly FieldPath Metadata = new("metadata");
    private static readonly FieldPath Spec = new("spec");

    // ----- DaemonSet -----

    /// <summary>
    /// Validates a DaemonSet on create (<c>ValidateDaemonSet</c>): metadata, the selector (valid, not empty, matching the
    /// template labels), the pod template, <c>restartPolicy: Always</c>, no <c>activeDeadlineSeconds</c>, non-negative
    /// counters and the update strategy.
    /// </summary>
    /// <remarks>
    /// A missing selector is reported, as Kubernetes reports it, only through the selector/labels mismatch: a nil
    /// selector matches nothing (apimachinery's <c>ValidateLabelSelector</c> accepts nil).
    /// </remarks>
    /// <param name="ds">The defaulted DaemonSet.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<FieldError> ValidateDaemonSet(DaemonSet ds)
    {
        ArgumentNullException.ThrowIfNull(ds);
        var errors = new List<FieldError>();
        ValidateObjectMeta(errors, ds.Metadata, namespaced: true, NameRules.Dns1123Subdomain);
        ValidateDaemonSetSpec(errors, ds.Spec, Spec);
        return errors;
    }

    /// <summary>
    /// Validates a DaemonSet update (<c>ValidateDaemonSetUpdate</c> plus the REST strategy's selector check): metadata
    /// changes, the new spec as on create, and an unchanged selector
    /// (<c>spec.selector: Invalid value: ...: field is immutable</c>).
    /// </summary>
    /// <param name="updated">The new, defaulted DaemonSet.</param>
    /// <param name="old">The stored DaemonSet.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<FieldError> ValidateDaemonSetUpdate(DaemonSet updated, DaemonSet old)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(old);
        var errors = new List<FieldError>();
        ValidateObjectMetaUpdate(errors, updated.Metadata, old.Metadata);
        ValidateDaemonSetSpec(errors, updated.Spec, Spec);
        if (updated.Spec.Selector != old.Spec.Selector)
        {
            // A nil pointer renders as the quoted string "null".
            var value = updated.Spec.Selector is { } s ? GoSyntax.Selector(s) : GoSyntax.Quote("null");
            errors.Add(FieldError.Invalid(Spec.Child("selector"), value, ImmutableMessage));
        }

        return errors;
    }

    private static void ValidateDaemonSetSpec(List<FieldError> errors, DaemonSetSpec spec, FieldPath path)
    {
        var selectorPath = path.Child("selector");
        var selectorErrorCount = errors.Count;
        if (spec.Selector is { } selector)
        {
            ValidateLabelSelector(errors, selector, selectorPath);
        }

        // Kubernetes only compares when the selector converts; a selector that failed validation does not.
        var selectorParses = errors.Count == selectorErrorCount;
        var labels = spec.Template.Metadata.Labels;
        if (selectorParses && !(spec.Selector?.Matches(labels) ?? false))
        {
            errors.Add(FieldError.Invalid(path.Child("template", "metadata", "labels"), GoSyntax.Map(labels), "`selector` does not match template `labels`"));
        }

        if (spec.Selector is { IsEmpty: true } empty)
        {
            errors.Add(FieldError.Invalid(selectorPath, GoSyntax.Selector(empty), "empty selector is invalid for daemonset"));
        }

        var templatePath = path.Child("template");
        ValidatePodTemplateSpec(errors, spec.Template, templatePath);
        var podSpec = spec.Template.Spec;
        if (podSpec.RestartPolicy != RestartPolicy.Always)
        {
            errors.Add(FieldError.NotSupported(templatePath.Child("spec", "restartPolicy"), GoSyntax.Quote(podSpec.RestartPolicy), RestartPolicy.Always));
        }

        if (podSpec.ActiveDeadlineSeconds is not null)
        {
            errors.Add(FieldError.Forbidden(templatePath.Child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not Supported"));
        }

        ValidateNonNegative(errors, spec.MinReadySeconds, path.Child("minReadySeconds"));
        ValidateUpdateStrategy(errors, spec.UpdateStrategy, path.Child("updateStrategy"));
        if (spec.RevisionHistoryLimit is { } limit)
        {
            // Zero is a valid history limit.
            ValidateNonNegative(errors, limit, path.Child("revisionHistoryLimit"));
        }
    }

    private static void ValidatePodTemplateSpec(List<FieldError> errors, PodTemplateSpec template, FieldPath path)
    {
        // The template's metadata is reported at "template.labels", not "template.metadata.labels", as in Kubernetes.
        ValidateLabels(errors, template.Metadata.Labels, path.Child("labels"));
        ValidateAnnotations(errors, template.Metadata.Annotations, path.Child("annotations"));
        ValidatePodSpecCore(errors, template.Spec, path.Child("spec"), isPod: false);
    }

    private static void ValidateUpdateStrategy(List<FieldError> errors, DaemonSetUpdateStrategy strategy, FieldPath path)
    {
        switch (strategy.Type)
        {
            case DaemonSetUpdateStrategyType.OnDelete:
                break;
            case DaemonSetUpdateStrategyType.RollingUpdate:
                if (strategy.RollingUpdate is null)
                {
                    errors.Add(FieldError.Required(path.Child("rollingUpdate")));
                    return;
                }

                ValidateRollingUpdate(errors, strategy.RollingUpdate, path.Child("rollingUpdate"));
                break;
            default:
                var value = $"apps.DaemonSetUpdateStrategy{{Type:{GoSyntax.Quote(strategy.Type)}, RollingUpdate:{GoSyntax.Pointer("apps.RollingUpdateDaemonSet", strategy.RollingUpdate is null)}}}";
                errors.Add(FieldError.NotSupported(path, value, DaemonSetUpdateStrategyType.RollingUpdate, DaemonSetUpdateStrategyType.OnDelete));
                break;
        }
    }

    private static void ValidateRollingUpdate(List<FieldError> errors, RollingUpdateDaemonSet rolling, FieldPath path)
    {
        var unavailablePath = path.Child("maxUnavailable");
        var surgePath = path.Child("maxSurge");
        ValidateIntOrPercent(errors, rolling.MaxUnavailable, unavailablePath);
        ValidateIntOrPercent(errors, rolling.MaxSurge, surgePath);
        ValidateNotMoreThan100Percent(errors, rolling.MaxUnavailable, unavailablePath);
        ValidateNotMoreThan100Percent(errors, rolling.MaxSurge, surgePath);

        // Exactly one of the two must be non-zero, judged on the numeric value ("0%" is zero).
        var hasUnavailable = IntOrPercentValue(rolling.MaxUnavailable) != 0;
        var hasSurge = IntOrPercentValue(rolling.MaxSurge) != 0;
        if (hasUnavailable && hasSurge)
        {
            errors.Add(FieldError.Invalid(surgePath, GoSyntax.IntOrString(rolling.MaxSurge), "may not be set when maxUnavailable is non-zero"));
        }
        else if (!hasUnavailable && !hasSurge)
        {
            errors.Add(FieldError.Required(unavailablePath, "cannot be 0 when maxSurge is 0"));
        }
    }

    private static void ValidateIntOrPercent(List<FieldError> errors, IntOrString? value, FieldPath path)
    {
        if (value is { StringValue: { } s })
        {
            if (!IsPercent(s))
            {
                errors.Add(FieldError.Invalid(path, s, PercentMessage));
            }
        }
        else
        {
            ValidateNonNegative(errors, value?.IntValue ?? 0, path);
        }
    }

    private static void ValidateNotMoreThan100Percent(List<FieldError> errors, IntOrString? value, FieldPath path)
    {
        if (TryGetPercent(value, out var percent) && percent > 100)
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.IntOrString(value), "must not be greater than 100%"));
        }
    }

    private static bool IsPercent(string s)
    {
        if (s.Length < 2 || s[^1] != '%')
        {
            return false;
        }

        for (var i = 0; i < s.Length - 1; i++)
        {
            if (s[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryGetPercent(IntOrString? value, out int percent)
    {
        percent = 0;
        if (value is not { StringValue: { } s } || !IsPercent(s))
        {
            return false;
        }

        // Go's strconv.Atoi: an out-of-range number is an error, which Kubernetes ignores (value 0).
        _ = int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out percent);
        return true;
    }

    private static int IntOrPercentValue(IntOrString? value)
    {
        if (TryGetPercent(value, out var percent))
        {
            return percent;
        }

        if (value is { StringValue: { } s })
        {
            // IntOrString.IntValue() of a string is strconv.Atoi of it, errors ignored: "abc" is 0, "5" is 5.
            return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        }

        return value?.IntValue ?? 0;
    }

    // ----- Pod -----

    /// <summary>
    /// Validates a pod on create (<c>ValidatePodCreate</c>): metadata (namespaced, DNS-subdomain name), the spec with the
    /// pod-only rules (under <c>hostNetwork</c> every <c>hostPort</c> must equal its <c>containerPort</c>), and images
    /// without surrounding white space.
    /// </summary>
    /// <param name="pod">The defaulted pod.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<FieldError> ValidatePod(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var errors = new List<FieldError>();
        ValidateObjectMeta(errors, pod.Metadata, namespaced: true, NameRules.Dns1123Subdomain);
        ValidatePodSpecCore(errors, pod.Spec, Spec, isPod: true);
        ValidateImagesOnlyForPod(errors, pod.Spec.Containers, Spec.Child("containers"));
        ValidateImagesOnlyForPod(errors, pod.Spec.InitContainers, Spec.Child("initContainers"));
        return errors;
    }

    /// <summary>
    /// Validates a pod spec embedded in another object (<c>ValidatePodSpec</c> as a workload's template sees it):
    /// containers, ports, resources, security contexts, volumes, restart policy, node selector, node affinity,
    /// tolerations and the remaining scalar fields.
    /// </summary>
    /// <remarks>
    /// As for any template, a <c>hostPort</c> of 0 is accepted under <c>hostNetwork</c>, because Kubernetes defaults it
    /// only when the pod is created. <see cref="ValidatePod"/> applies the stricter pod rule.
    /// </remarks>
    /// <param name="spec">The defaulted spec.</param>
    /// <param name="path">The path of the spec, e.g. <c>spec.template.spec</c>.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<FieldError> ValidatePodSpec(PodSpec spec, string path)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<FieldError>();
        ValidatePodSpecCore(errors, spec, new FieldPath(path), isPod: false);
        return errors;
    }

    // ----- Node -----

    /// <summary>
    /// Validates a node (<c>ValidateNode</c>): metadata (cluster-scoped, DNS-subdomain name), taints (key a qualified
    /// name, value a label value, a supported effect, unique by key and effect) and the capacity and allocatable
    /// quantities.
    /// </summary>
    /// <remarks>Kubernetes reports taint errors under <c>metadata.taints[i]</c>, not <c>spec.taints[i]</c>; so does the simulator.</remarks>
    /// <param name="node">The node.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<FieldError> ValidateNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var errors = new List<FieldError>();
        ValidateObjectMeta(errors, node.Metadata, namespaced: false, NameRules.Dns1123Subdomain);
        ValidateTaints(errors, node.Spec.Taints, Metadata.Child("taints"));
        foreach (var pair in node.Status.Capacity)
        {
            ValidateQuantityValue(errors, pair.Key, pair.Value, new FieldPath("status").Child("capacity", pair.Key));
        }

        foreach (var pair in node.Status.Allocatable)
        {
            ValidateQuantityValue(errors, pair.Key, pair.Value, new FieldPath("status").Child("allocatable", pair.Key));
        }

        return errors;
    }

    private static void ValidateTaints(List<FieldError> errors, EquatableArray<Taint> taints, FieldPath path)
    {
        var seen = new HashSet<(string Effect, string Key)>();
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            var itemPath = path.Index(i);
            ValidateLabelKey(errors, taint.Key, itemPath.Child("key"));
            var valueErrors = NameRules.LabelValue(taint.Value);
            if (valueErrors.Count != 0)
            {
                errors.Add(FieldError.Invalid(itemPath.Child("value"), GoSyntax.Quote(taint.Value), string.Join(";", valueErrors)));
            }

            ValidateTaintEffect(errors, taint.Effect, allowEmpty: false, itemPath.Child("effect"));
            if (!seen.Add((taint.Effect, taint.Key)))
            {
                var value = $"core.Taint{{Key:{GoSyntax.Quote(taint.Key)}, Value:{GoSyntax.Quote(taint.Value)}, Effect:{GoSyntax.Quote(taint.Effect)}, TimeAdded:{GoSyntax.Pointer("v1.Time", taint.TimeAdded is null)}}}";
                errors.Add(new FieldError(FieldErrorType.Duplicate, itemPath, value, "taints must be unique by key and effect pair"));
            }
        }
    }

    private static void ValidateTaintEffect(List<FieldError> errors, string effect, bool allowEmpty, FieldPath path)
    {
        if (effect.Length == 0)
        {
            if (!allowEmpty)
            {
                errors.Add(FieldError.Required(path));
            }

            return;
        }

        if (!TaintEffect.All.Contains(effect))
        {
            errors.Add(FieldError.NotSupported(path, GoSyntax.Quote(effect), [.. TaintEffect.All]));
        }
    }

    // ----- Namespace -----

    /// <summary>Validates a namespace (<c>ValidateNamespace</c>): cluster-scoped metadata with a DNS-1123 label as name.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<FieldError> ValidateNamespace(Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var errors = new List<FieldError>();
        ValidateObjectMeta(errors, ns.Metadata, namespaced: false, NameRules.Dns1123Label);
        return errors;
    }

    // ----- PriorityClass -----

    /// <summary>
    /// Validates a priority class on create (<c>ValidatePriorityClass</c>): cluster-scoped metadata; names with the
    /// <c>system-</c> prefix only for the two built-ins with their exact value and <c>globalDefault: false</c>; other
    /// classes at most 1000000000; <c>preemptionPolicy</c> PreemptLowerPriority or Never.
    /// </summary>
    /// <param name="pc">The priority class.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<FieldError> ValidatePriorityClass(PriorityClass pc)
    {
        ArgumentNullException.ThrowIfNull(pc);
        var errors = new List<FieldError>();
        ValidateObjectMeta(errors, pc.Metadata, namespaced: false, NameRules.Dns1123Subdomain);
        if (pc.Name.StartsWith("system-", StringComparison.Ordinal))
        {
            if (SystemClassError(pc) is { } problem)
            {
                errors.Add(FieldError.Forbidden(Metadata.Child("name"), "priority class names with 'system-' prefix are reserved for system use only. error: " + problem));
            }
        }
        else if (pc.Value > PriorityClass.HighestUserDefinablePriority)
        {
            errors.Add(FieldError.Forbidden(new FieldPath("value"), "maximum allowed value of a user defined priority is " + GoSyntax.Int(PriorityClass.HighestUserDefinablePriority)));
        }

        ValidatePreemptionPolicy(errors, pc.PreemptionPolicy, new FieldPath("preemptionPolicy"));
        return errors;
    }

    /// <summary>
    /// Validates a priority class update (<c>ValidatePriorityClassUpdate</c>): name unchanged, <c>value</c> unchanged
    /// (<c>value: Forbidden: may not be changed in an update.</c>) and <c>preemptionPolicy</c> unchanged;
    /// <c>description</c> and <c>globalDefault</c> may change.
    /// </summary>
    /// <param name="updated">The new priority class.</param>
    /// <param name="old">The stored priority class.</param>
    /// <returns>The errors; empty when valid.</returns>
    public static IReadOnlyList<FieldError> ValidatePriorityClassUpdate(PriorityClass updated, PriorityClass old)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(old);
        var errors = new List<FieldError>();
        ValidateObjectMetaUpdate(errors, updated.Metadata, old.Metadata);
        if (updated.Value != old.Value)
        {
            errors.Add(FieldError.Forbidden(new FieldPath("value"), "may not be changed in an update."));
        }

        if (updated.PreemptionPolicy != old.PreemptionPolicy)
        {
            errors.Add(FieldError.Invalid(new FieldPath("preemptionPolicy"), GoSyntax.Quote(updated.PreemptionPolicy), ImmutableMessage));
        }

        return errors;
    }

    private static string? SystemClassError(PriorityClass pc)
    {
        foreach (var builtIn in new[] { PriorityClass.SystemNodeCritical, PriorityClass.SystemClusterCritical })
        {
            if (builtIn.Name != pc.Name)
            {
                continue;
            }

            if (builtIn.Value != pc.Value)
            {
                return $"value of {builtIn.Name} PriorityClass must be {GoSyntax.Int(builtIn.Value)}";
            }

            if (builtIn.GlobalDefault != pc.GlobalDefault)
            {
                return $"globalDefault of {builtIn.Name} PriorityClass must be {(builtIn.GlobalDefault ? "true" : "false")}";
            }

            return null;
        }

        return pc.Name + " is not a known system priority class";
    }

    private static void ValidatePreemptionPolicy(List<FieldError> errors, string policy, FieldPath path)
    {
        switch (policy)
        {
            case PreemptionPolicy.PreemptLowerPriority:
            case PreemptionPolicy.Never:
                break;
            case "":
                errors.Add(FieldError.Required(path));
                break;
            default:
                errors.Add(FieldError.NotSupported(path, GoSyntax.Quote(policy), PreemptionPolicy.PreemptLowerPriority, PreemptionPolicy.Never));
                break;
        }
    }

    // ----- Metadata -----

    private static void ValidateObjectMeta(List<FieldError> errors, ObjectMeta meta, bool namespaced, Func<string, IReadOnlyList<string>> nameRule)
    {
        if (meta.GenerateName.Length != 0)
        {
            // A generated name gets a random suffix, so a trailing dash is allowed in the prefix.
            var prefix = meta.GenerateName.EndsWith('-') ? meta.GenerateName[..^1] + "a" : meta.GenerateName;
            foreach (var message in nameRule(prefix))
            {
                errors.Add(FieldError.Invalid(Metadata.Child("generateName"), GoSyntax.Quote(meta.GenerateName), message));
            }
        }

        if (meta.Name.Length == 0)
        {
            errors.Add(FieldError.Required(Metadata.Child("name"), "name or generateName is required"));
        }
        else
        {
            foreach (var message in nameRule(meta.Name))
            {
                errors.Add(FieldError.Invalid(Metadata.Child("name"), GoSyntax.Quote(meta.Name), message));
            }
        }

        if (namespaced)
        {
            if (meta.Namespace.Length == 0)
            {
                errors.Add(FieldError.Required(Metadata.Child("namespace")));
            }
            else
            {
                foreach (var message in NameRules.Dns1123Label(meta.Namespace))
                {
                    errors.Add(FieldError.Invalid(Metadata.Child("namespace"), GoSyntax.Quote(meta.Namespace), message));
                }
            }
        }
        else if (meta.Namespace.Length != 0)
        {
            errors.Add(FieldError.Forbidden(Metadata.Child("namespace"), "not allowed on this type"));
        }

        ValidateNonNegative(errors, meta.Generation, Metadata.Child("generation"));
        ValidateLabels(errors, meta.Labels, Metadata.Child("labels"));
        ValidateAnnotations(errors, meta.Annotations, Metadata.Child("annotations"));
    }

    private static void ValidateObjectMetaUpdate(List<FieldError> errors, ObjectMeta updated, ObjectMeta old)
    {
        if (updated.Name != old.Name)
        {
            errors.Add(FieldError.Invalid(Metadata.Child("name"), GoSyntax.Quote(updated.Name), ImmutableMessage));
        }

        if (updated.Namespace != old.Namespace)
        {
            errors.Add(FieldError.Invalid(Metadata.Child("namespace"), GoSyntax.Quote(updated.Namespace), ImmutableMessage));
        }

        ValidateLabels(errors, updated.Labels, Metadata.Child("labels"));
        ValidateAnnotations(errors, updated.Annotations, Metadata.Child("annotations"));
    }

    private static void ValidateLabels(List<FieldError> errors, StringMap labels, FieldPath path)
    {
        foreach (var pair in labels)
        {
            ValidateLabelKey(errors, pair.Key, path);
            foreach (var message in NameRules.LabelValue(pair.Value))
            {
                errors.Add(FieldError.Invalid(path, GoSyntax.Quote(pair.Value), message));
            }
        }
    }

    private static void ValidateAnnotations(List<FieldError> errors, StringMap annotations, FieldPath path)
    {
        foreach (var key in annotations.Keys)
        {
            // Annotation keys are qualified names in which case does not matter.
            foreach (var message in QualifiedNameErrors(key.ToLowerInvariant()))
            {
                errors.Add(FieldError.Invalid(path, GoSyntax.Quote(key), message));
            }
        }
    }

    private static void ValidateLabelKey(List<FieldError> errors, string key, FieldPath path)
    {
        foreach (var message in QualifiedNameErrors(key))
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.Quote(key), message));
        }
    }

    private static IReadOnlyList<string> QualifiedNameErrors(string value)
    {
        if (NameRules.IsQualifiedName(value))
        {
            return [];
        }

        var errors = NameRules.QualifiedName(value);
        var parts = value.Split('/');

        // apimachinery also reports the pattern for an empty name part ("" or "prefix/"); NameRules stops at "must be non-empty".
        if (parts.Length <= 2 && parts[^1].Length == 0 && !errors.Contains(NamePartPatternMessage))
        {
            return [.. errors, NamePartPatternMessage];
        }

        return errors;
    }

    private static void ValidateLabelSelector(List<FieldError> errors, LabelSelector selector, FieldPath path)
    {
        ValidateLabels(errors, selector.MatchLabels, path.Child("matchLabels"));
        for (var i = 0; i < selector.MatchExpressions.Count; i++)
        {
            var requirement = selector.MatchExpressions[i];
            var itemPath = path.Child("matchExpressions").Index(i);
            ValidateRequirementOperator(errors, requirement, itemPath, allowNumeric: false);

            ValidateLabelKey(errors, requirement.Key, itemPath.Child("key"));
            for (var j = 0; j < requirement.Values.Count; j++)
            {
                foreach (var message in NameRules.LabelValue(requirement.Values[j]))
                {
                    errors.Add(FieldError.Invalid(itemPath.Child("values").Index(j), GoSyntax.Quote(requirement.Values[j]), message));
                }
            }
        }
    }

    private static void ValidateNonNegative(List<FieldError> errors, long value, FieldPath path)
    {
        if (value < 0)
        {
            errors.Add(FieldError.Invalid(path, GoSyntax.Int(value), NegativeMessage));
        }
    }
}
