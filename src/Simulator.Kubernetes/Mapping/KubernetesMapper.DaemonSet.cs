using System.Globalization;
using System.Numerics;
using k8s.Models;
using Simulator.Model;
using Simulator.Validation;
using IntOrString = Simulator.Model.IntOrString;
using V1IntOrString = k8s.Models.IntOrString;

namespace Simulator.Kubernetes;

public static partial class KubernetesMapper
{
    /// <summary>Maps a DaemonSet into the model: metadata, selector, template, update strategy, minReadySeconds, revisionHistoryLimit and status.</summary>
    /// <param name="obj">The DaemonSet.</param>
    /// <returns>The model DaemonSet.</returns>
    /// <exception cref="ApiException">A quantity, an int-or-string or another field holds a value the model cannot represent.</exception>
    public static DaemonSet ToModel(V1DaemonSet obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var context = new MappingContext("DaemonSet", obj.Metadata?.Name);
        var spec = obj.Spec;
        var status = obj.Status;
        return new DaemonSet
        {
            Metadata = ToModel(obj.Metadata, context),
            Spec = new DaemonSetSpec
            {
                Selector = ToModel(spec?.Selector),
                Template = ToModel(spec?.Template, context, "spec.template"),
                UpdateStrategy = ToModel(spec?.UpdateStrategy, context),
                MinReadySeconds = spec?.MinReadySeconds ?? 0,
                RevisionHistoryLimit = spec?.RevisionHistoryLimit,
            },
            Status = status is null ? new DaemonSetStatus() : new DaemonSetStatus
            {
                CurrentNumberScheduled = status.CurrentNumberScheduled,
                NumberMisscheduled = status.NumberMisscheduled,
                DesiredNumberScheduled = status.DesiredNumberScheduled,
                NumberReady = status.NumberReady,
                ObservedGeneration = status.ObservedGeneration ?? 0,
                UpdatedNumberScheduled = status.UpdatedNumberScheduled ?? 0,
                NumberAvailable = status.NumberAvailable ?? 0,
                NumberUnavailable = status.NumberUnavailable ?? 0,
                CollisionCount = status.CollisionCount,
            },
        };
    }

    /// <summary>Maps a DaemonSet to a KubernetesClient object (<c>apps/v1 DaemonSet</c>).</summary>
    /// <param name="obj">The model DaemonSet.</param>
    /// <returns>The V1 DaemonSet; status counters that are zero and optional in the API are omitted, as the API server omits them.</returns>
    public static V1DaemonSet ToKubernetes(DaemonSet obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var spec = obj.Spec;
        var status = obj.Status;
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = ToKubernetes(obj.Metadata),
            Spec = new V1DaemonSetSpec
            {
                Selector = ToKubernetes(spec.Selector),
                Template = ToKubernetes(spec.Template),
                UpdateStrategy = ToKubernetes(spec.UpdateStrategy),
                MinReadySeconds = NullIfZero(spec.MinReadySeconds),
                RevisionHistoryLimit = spec.RevisionHistoryLimit,
            },
            Status = new V1DaemonSetStatus
            {
                CurrentNumberScheduled = status.CurrentNumberScheduled,
                NumberMisscheduled = status.NumberMisscheduled,
                DesiredNumberScheduled = status.DesiredNumberScheduled,
                NumberReady = status.NumberReady,
                ObservedGeneration = status.ObservedGeneration == 0 ? null : status.ObservedGeneration,
                UpdatedNumberScheduled = NullIfZero(status.UpdatedNumberScheduled),
                NumberAvailable = NullIfZero(status.NumberAvailable),
                NumberUnavailable = NullIfZero(status.NumberUnavailable),
                CollisionCount = status.CollisionCount,
            },
        };
    }

    /// <summary>Maps a pod template (labels, annotations and the modelled pod spec) into the model.</summary>
    /// <param name="obj">The template.</param>
    /// <returns>The model template.</returns>
    /// <exception cref="ApiException">A quantity or another field holds a value the model cannot represent; the message names the template by its metadata name.</exception>
    public static PodTemplateSpec ToModel(V1PodTemplateSpec obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ToModel(obj, new MappingContext("PodTemplate", obj.Metadata?.Name), "");
    }

    /// <summary>Maps a pod template to a KubernetesClient object.</summary>
    /// <param name="obj">The model template.</param>
    /// <returns>The V1 template.</returns>
    public static V1PodTemplateSpec ToKubernetes(PodTemplateSpec obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new V1PodTemplateSpec
        {
            Metadata = ToKubernetes(obj.Metadata),
            Spec = ToKubernetes(obj.Spec),
        };
    }

    private static PodTemplateSpec ToModel(V1PodTemplateSpec? template, MappingContext context, string path) => new()
    {
        Metadata = ToModel(template?.Metadata, context),
        Spec = ToModel(template?.Spec, context, Join(path, "spec")),
    };

    private static LabelSelector? ToModel(V1LabelSelector? selector) => selector is null ? null : new LabelSelector
    {
        MatchLabels = ToStringMap(selector.MatchLabels),
        MatchExpressions = ToModelList(
            selector.MatchExpressions,
            r => new SelectorRequirement(r.Key ?? "", r.OperatorProperty ?? "", ToModelList(r.Values))),
    };

    private static V1LabelSelector? ToKubernetes(LabelSelector? selector) => selector is null ? null : new V1LabelSelector
    {
        MatchLabels = ToDictionary(selector.MatchLabels),
        MatchExpressions = ToKubernetesList(
            selector.MatchExpressions,
            r => new V1LabelSelectorRequirement { Key = r.Key, OperatorProperty = r.Operator, Values = ToKubernetesList(r.Values) }),
    };

    private static DaemonSetUpdateStrategy ToModel(V1DaemonSetUpdateStrategy? strategy, MappingContext context)
    {
        if (strategy is null)
        {
            return new DaemonSetUpdateStrategy();
        }

        var rolling = strategy.RollingUpdate;
        return new DaemonSetUpdateStrategy
        {
            Type = strategy.Type ?? "",
            RollingUpdate = rolling is null ? null : new RollingUpdateDaemonSet
            {
                MaxUnavailable = ToModel(rolling.MaxUnavailable, context, "spec.updateStrategy.rollingUpdate.maxUnavailable"),
                MaxSurge = ToModel(rolling.MaxSurge, context, "spec.updateStrategy.rollingUpdate.maxSurge"),
            },
        };
    }

    private static V1DaemonSetUpdateStrategy? ToKubernetes(DaemonSetUpdateStrategy strategy)
    {
        if (strategy.Type.Length == 0 && strategy.RollingUpdate is null)
        {
            return null;
        }

        return new V1DaemonSetUpdateStrategy
        {
            Type = NullIfEmpty(strategy.Type),
            RollingUpdate = strategy.RollingUpdate is { } rolling
                ? new V1RollingUpdateDaemonSet { MaxUnavailable = ToKubernetes(rolling.MaxUnavailable), MaxSurge = ToKubernetes(rolling.MaxSurge) }
                : null,
        };
    }

    // KubernetesClient keeps only the text and writes it back as a JSON number whenever it reads as an int, so that is the test here too.
    private static IntOrString? ToModel(V1IntOrString? value, MappingContext context, string path)
    {
        if (value?.Value is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return IntOrString.FromInt(number);
        }

        // Such a value serialises as a JSON number that the API server's 32-bit field refuses; as a string it would change meaning.
        if (BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw context.Fail(path, $"int-or-string {text} is an integer outside the 32-bit range");
        }

        return IntOrString.FromString(text);
    }

    private static V1IntOrString? ToKubernetes(IntOrString? value) => value switch
    {
        { StringValue: { } text } => text,
        { IntValue: { } number } => number,
        _ => null,
    };

    private static string Join(string path, string child) => path.Length == 0 ? child : path + "." + child;
}
