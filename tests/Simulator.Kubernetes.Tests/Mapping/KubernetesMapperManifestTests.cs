using k8s;
using k8s.Models;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Mapping;

// The seed guide's manifests, loaded the way a user's files are: KubernetesYaml.Deserialize (LoadFromString is obsolete in 21.x), then the mapper.
public class KubernetesMapperManifestTests
{
    private const string FluentdDaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
          namespace: logging
          labels:
            app: fluentd-logging
        spec:
          selector:
            matchLabels:
              name: fluentd
          template:
            metadata:
              labels:
                name: fluentd
            spec:
              containers:
              - name: fluentd-elasticsearch
                image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
                resources:
                  limits:
                    memory: 200Mi
                  requests:
                    cpu: 100m
                    memory: 200Mi
                volumeMounts:
                - name: varlog
                  mountPath: /var/log
              terminationGracePeriodSeconds: 30
              volumes:
              - name: varlog
                hostPath:
                  path: /var/log
        """;

    private const string FluentdWithAffinity = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
          namespace: logging
          labels:
            app: fluentd-logging
        spec:
          selector:
            matchLabels:
              name: fluentd
          template:
            metadata:
              labels:
                name: fluentd
            spec:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - key: type
                        operator: In
                        values:
                        - platform-tools
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 1
                    preference:
                      matchExpressions:
                      - key: instance-type
                        operator: In
                        values:
                        - t2.large
              containers:
              - name: fluentd-elasticsearch
                image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
                resources:
                  limits:
                    memory: 200Mi
                  requests:
                    cpu: 100m
                    memory: 200Mi
                volumeMounts:
                - name: varlog
                  mountPath: /var/log
              terminationGracePeriodSeconds: 30
        """;

    [Fact]
    public void ToModel_SeedGuideFluentd_MapsEveryWrittenField()
    {
        var ds = KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1DaemonSet>(FluentdDaemonSet));

        ds.Metadata.Name.ShouldBe("fluentd");
        ds.Metadata.Namespace.ShouldBe("logging");
        ds.Metadata.Labels.ShouldBe(StringMap.Of("app", "fluentd-logging"));
        ds.Spec.Selector.ShouldBe(LabelSelector.ForLabels("name", "fluentd"));
        ds.Spec.Template.Metadata.Labels.ShouldBe(StringMap.Of("name", "fluentd"));
        var spec = ds.Spec.Template.Spec;
        spec.TerminationGracePeriodSeconds.ShouldBe(30);
        spec.Volumes.ShouldBe(EquatableArray.Create(new Volume { Name = "varlog", HostPath = "/var/log" }));
        spec.Containers.ShouldBe(EquatableArray.Create(new Container
        {
            Name = "fluentd-elasticsearch",
            Image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
            Resources = new ResourceRequirements
            {
                Requests = ResourceList.Of("cpu", "100m", "memory", "200Mi"),
                Limits = ResourceList.Of("memory", "200Mi"),
            },
            VolumeMounts = EquatableArray.Create(new VolumeMount("varlog", "/var/log")),
        }));
        spec.Containers[0].Resources.Requests.Get("cpu").MilliValue.ShouldBe(100);
        spec.Containers[0].Resources.Requests.Get("memory").Value.ShouldBe(200L * 1024 * 1024);
    }

    [Fact]
    public void ToModel_SeedGuideFluentd_LeavesUnwrittenFieldsForDefaulting()
    {
        var ds = KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1DaemonSet>(FluentdDaemonSet));

        ds.Metadata.Uid.ShouldBe("");
        ds.Metadata.ResourceVersion.ShouldBe(0);
        ds.Metadata.CreationTimestamp.ShouldBe(default);
        ds.Spec.UpdateStrategy.ShouldBe(new DaemonSetUpdateStrategy());
        ds.Spec.RevisionHistoryLimit.ShouldBeNull();
        ds.Spec.MinReadySeconds.ShouldBe(0);
        ds.Spec.Template.Spec.RestartPolicy.ShouldBe("");
        ds.Spec.Template.Spec.SchedulerName.ShouldBe("");
        ds.Spec.Template.Spec.NodeSelector.ShouldBe(StringMap.Empty);
        ds.Spec.Template.Spec.Affinity.ShouldBeNull();
        ds.Status.ShouldBe(new DaemonSetStatus());
    }

    [Fact]
    public void ToModel_SeedGuideFluentdWithAffinity_MapsRequiredAndPreferredTerms()
    {
        var ds = KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1DaemonSet>(FluentdWithAffinity));

        ds.Spec.Template.Spec.Affinity.ShouldBe(new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                Required = NodeSelector.Of(new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("type", SelectorOperator.In, "platform-tools")) }),
                Preferred = EquatableArray.Create(new PreferredSchedulingTerm(
                    1,
                    new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("instance-type", SelectorOperator.In, "t2.large")) })),
            },
        });
        ds.Spec.Template.Spec.Volumes.ShouldBeEmpty();
    }

    [Fact]
    public void ToKubernetes_SeedGuideFluentd_SerialisesBackToTheSameManifest()
    {
        var ds = KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1DaemonSet>(FluentdDaemonSet));

        var json = KubernetesJson.Serialize(KubernetesMapper.ToKubernetes(ds).Spec);

        json.ShouldBe(
            "{\"selector\":{\"matchLabels\":{\"name\":\"fluentd\"}},\"template\":{\"metadata\":{\"labels\":{\"name\":\"fluentd\"}},"
            + "\"spec\":{\"containers\":[{\"image\":\"quay.io/fluentd_elasticsearch/fluentd:v2.5.2\",\"name\":\"fluentd-elasticsearch\","
            + "\"resources\":{\"limits\":{\"memory\":\"200Mi\"},\"requests\":{\"cpu\":\"100m\",\"memory\":\"200Mi\"}},"
            + "\"volumeMounts\":[{\"mountPath\":\"/var/log\",\"name\":\"varlog\"}]}],\"terminationGracePeriodSeconds\":30,"
            + "\"volumes\":[{\"hostPath\":{\"path\":\"/var/log\"},\"name\":\"varlog\"}]}}}");
    }

    [Fact]
    public void ToModel_YamlWithEveryModelledField_ReadsThemAll()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: fluentd-x
              namespace: logging
              uid: u-1
              resourceVersion: "42"
              generation: 2
              creationTimestamp: "2025-01-01T00:00:02Z"
              ownerReferences:
              - apiVersion: apps/v1
                kind: DaemonSet
                name: fluentd
                uid: ds-uid
                controller: true
                blockOwnerDeletion: true
            spec:
              nodeName: w1
              tolerations:
              - key: node.kubernetes.io/unreachable
                operator: Exists
                effect: NoExecute
                tolerationSeconds: 300
              containers:
              - name: c
                image: i
                ports:
                - containerPort: 80
                  hostPort: 8080
                  protocol: UDP
                  hostIP: 127.0.0.1
                  name: http
                resources:
                  requests: {cpu: 0.1, memory: 1.5Gi}
                securityContext:
                  privileged: true
                  capabilities: {add: [NET_ADMIN]}
              initContainers:
              - name: sidecar
                image: s
                restartPolicy: Always
              volumes:
              - name: sock
                hostPath: {path: /run/sock, type: Socket}
              - name: tmp
                emptyDir: {}
              overhead: {cpu: 50m}
            status:
              phase: Running
              podIP: 10.0.0.9
              startTime: "2025-01-01T00:00:03Z"
              containerStatuses:
              - name: c
                image: i
                ready: true
                started: true
                restartCount: 1
                state:
                  running: {startedAt: "2025-01-01T00:00:04Z"}
            """;

        var pod = KubernetesMapper.ToModel(KubernetesYaml.Deserialize<V1Pod>(yaml));

        pod.Metadata.ResourceVersion.ShouldBe(42);
        pod.Metadata.Generation.ShouldBe(2);
        pod.Metadata.ControllerRef.ShouldBe(new OwnerReference("apps/v1", "DaemonSet", "fluentd", "ds-uid"));
        pod.Spec.Tolerations.Single().ShouldBe(new Toleration(WellKnownTaints.Unreachable, "Exists", "", "NoExecute", 300));
        pod.Spec.Containers[0].Ports.Single().ShouldBe(new ContainerPort(80, 8080, "UDP", "127.0.0.1", "http"));
        pod.Spec.Containers[0].Resources.Requests.ShouldBe(ResourceList.Of("cpu", "100m", "memory", "1536Mi"));
        pod.Spec.Containers[0].SecurityContext.ShouldBe(new SecurityContext { Privileged = true, Capabilities = new Capabilities { Add = EquatableArray.Create("NET_ADMIN") } });
        pod.Spec.InitContainers.Single().RestartPolicy.ShouldBe("Always");
        pod.Spec.Volumes[0].ShouldBe(new Volume { Name = "sock", HostPath = "/run/sock", HostPathType = "Socket" });
        pod.Spec.Volumes[1].ShouldBe(new Volume { Name = "tmp", EmptyDir = true });
        pod.Spec.Overhead.ShouldBe(ResourceList.Of("cpu", "50m"));
        pod.Status.Phase.ShouldBe(PodPhase.Running);
        pod.Status.PodIp.ShouldBe("10.0.0.9");
        pod.Status.StartTime.ShouldBe(MappingFixtures.Created + TimeSpan.FromSeconds(1));
        pod.Status.ContainerStatuses.Single().ShouldBe(new ContainerStatus
        {
            Name = "c",
            Image = "i",
            Ready = true,
            Started = true,
            RestartCount = 1,
            State = new ContainerState { RunningSince = MappingFixtures.Created + TimeSpan.FromSeconds(2) },
        });
    }
}
