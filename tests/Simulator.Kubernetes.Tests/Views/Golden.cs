namespace Simulator.Kubernetes.Tests.Views;

/// <summary>Expected kubectl output for <see cref="ViewFixtures.FluentdCluster"/> five minutes after it settled, checked line by line against kubectl's printers and describers.</summary>
internal static class Golden
{
    public const string NodesTable =
        "NAME   STATUS   ROLES           AGE    VERSION\n"
        + "cp-1   Ready    control-plane   5m1s   v1.34.0\n"
        + "w1     Ready    <none>          5m1s   v1.34.0\n"
        + "w2     Ready    <none>          5m1s   v1.34.0\n";

    public const string NodesWide =
        "NAME   STATUS   ROLES           AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE    KERNEL-VERSION   CONTAINER-RUNTIME\n"
        + "cp-1   Ready    control-plane   5m1s   v1.34.0   <none>        <none>        <unknown>   <unknown>        <unknown>\n"
        + "w1     Ready    <none>          5m1s   v1.34.0   <none>        <none>        <unknown>   <unknown>        <unknown>\n"
        + "w2     Ready    <none>          5m1s   v1.34.0   <none>        <none>        <unknown>   <unknown>        <unknown>\n";

    public const string PodsTable =
        "NAME            READY   STATUS    RESTARTS   AGE\n"
        + "fluentd-4gx4c   1/1     Running   0          5m1s\n"
        + "fluentd-k82hc   1/1     Running   0          5m1s\n"
        + "fluentd-tjx25   1/1     Running   0          5m1s\n";

    public const string PodsWideAllNamespaces =
        "NAMESPACE   NAME            READY   STATUS    RESTARTS   AGE    IP         NODE   NOMINATED NODE   READINESS GATES\n"
        + "logging     fluentd-4gx4c   1/1     Running   0          5m1s   10.0.0.1   cp-1   <none>           <none>\n"
        + "logging     fluentd-k82hc   1/1     Running   0          5m1s   10.0.0.2   w1     <none>           <none>\n"
        + "logging     fluentd-tjx25   1/1     Running   0          5m1s   10.0.0.3   w2     <none>           <none>\n";

    public const string DaemonSetsWideAllNamespaces =
        "NAMESPACE   NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE    CONTAINERS              IMAGES                                         SELECTOR\n"
        + "logging     fluentd   3         3         3       3            3           <none>          5m1s   fluentd-elasticsearch   quay.io/fluentd_elasticsearch/fluentd:v2.5.2   name=fluentd\n";

    public const string ControllerRevisionsTable =
        "NAME                CONTROLLER               REVISION   AGE\n"
        + "fluentd-67f5757fd   daemonset.apps/fluentd   1          5m1s\n";

    public const string PriorityClassesTable =
        "NAME                      VALUE        GLOBAL-DEFAULT   AGE    PREEMPTIONPOLICY\n"
        + "system-cluster-critical   2000000000   false            5m1s   PreemptLowerPriority\n"
        + "system-node-critical      2000001000   false            5m1s   PreemptLowerPriority\n";

    public const string NamespacesTable =
        "NAME              STATUS   AGE\n"
        + "default           Active   5m1s\n"
        + "kube-node-lease   Active   5m1s\n"
        + "kube-public       Active   5m1s\n"
        + "kube-system       Active   5m1s\n"
        + "logging           Active   5m1s\n";

    public const string EventsAllNamespaces =
        "NAMESPACE   LAST SEEN   TYPE     REASON             OBJECT              MESSAGE\n"
        + "logging     5m1s        Normal   SuccessfulCreate   daemonset/fluentd   Created pod: fluentd-4gx4c\n"
        + "logging     5m1s        Normal   SuccessfulCreate   daemonset/fluentd   Created pod: fluentd-k82hc\n"
        + "logging     5m1s        Normal   SuccessfulCreate   daemonset/fluentd   Created pod: fluentd-tjx25\n"
        + "logging     5m1s        Normal   Scheduled          pod/fluentd-4gx4c   Successfully assigned logging/fluentd-4gx4c to cp-1\n"
        + "logging     5m1s        Normal   Scheduled          pod/fluentd-k82hc   Successfully assigned logging/fluentd-k82hc to w1\n"
        + "logging     5m1s        Normal   Scheduled          pod/fluentd-tjx25   Successfully assigned logging/fluentd-tjx25 to w2\n"
        + "logging     5m          Normal   Pulled             pod/fluentd-4gx4c   Container image \"quay.io/fluentd_elasticsearch/fluentd:v2.5.2\" already present on machine\n"
        + "logging     5m          Normal   Created            pod/fluentd-4gx4c   Created container: fluentd-elasticsearch\n"
        + "logging     5m          Normal   Started            pod/fluentd-4gx4c   Started container fluentd-elasticsearch\n"
        + "logging     5m          Normal   Pulled             pod/fluentd-k82hc   Container image \"quay.io/fluentd_elasticsearch/fluentd:v2.5.2\" already present on machine\n"
        + "logging     5m          Normal   Created            pod/fluentd-k82hc   Created container: fluentd-elasticsearch\n"
        + "logging     5m          Normal   Started            pod/fluentd-k82hc   Started container fluentd-elasticsearch\n"
        + "logging     5m          Normal   Pulled             pod/fluentd-tjx25   Container image \"quay.io/fluentd_elasticsearch/fluentd:v2.5.2\" already present on machine\n"
        + "logging     5m          Normal   Created            pod/fluentd-tjx25   Created container: fluentd-elasticsearch\n"
        + "logging     5m          Normal   Started            pod/fluentd-tjx25   Started container fluentd-elasticsearch\n";

    public const string EventsWide =
        "LAST SEEN   TYPE     REASON             OBJECT              SUBOBJECT   SOURCE                 MESSAGE                      FIRST SEEN   COUNT   NAME\n"
        + "5m1s        Normal   SuccessfulCreate   daemonset/fluentd               daemonset-controller   Created pod: fluentd-4gx4c   5m1s         1       fluentd.1816687ec0570001\n"
        + "5m1s        Normal   SuccessfulCreate   daemonset/fluentd               daemonset-controller   Created pod: fluentd-k82hc   5m1s         1       fluentd.1816687ec0570002\n";

    public const string DescribeNode =
        "Name:               w1\n"
        + "Roles:              <none>\n"
        + "Labels:             kubernetes.io/hostname=w1\n"
        + "Annotations:        <none>\n"
        + "CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000\n"
        + "Taints:             <none>\n"
        + "Unschedulable:      false\n"
        + "Conditions:\n"
        + "  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message\n"
        + "  ----             ------  -----------------                 ------------------                ------                       -------\n"
        + "  MemoryPressure   False   Wed, 01 Jan 2025 00:05:01 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available\n"
        + "  DiskPressure     False   Wed, 01 Jan 2025 00:05:01 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure\n"
        + "  PIDPressure      False   Wed, 01 Jan 2025 00:05:01 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available\n"
        + "  Ready            True    Wed, 01 Jan 2025 00:05:01 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletReady                 kubelet is posting ready status\n"
        + "Addresses:\n"
        + "Capacity:\n"
        + "  cpu:     4\n"
        + "  memory:  16Gi\n"
        + "  pods:    110\n"
        + "Allocatable:\n"
        + "  cpu:     4\n"
        + "  memory:  16Gi\n"
        + "  pods:    110\n"
        + "System Info:\n"
        + "  Machine ID:                 \n"
        + "  System UUID:                \n"
        + "  Boot ID:                    \n"
        + "  Kernel Version:             \n"
        + "  OS Image:                   \n"
        + "  Operating System:           \n"
        + "  Architecture:               \n"
        + "  Container Runtime Version:  \n"
        + "  Kubelet Version:            v1.34.0\n"
        + "Non-terminated Pods:          (1 in total)\n"
        + "  Namespace                   Name             CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n"
        + "  ---------                   ----             ------------  ----------  ---------------  -------------  ---\n"
        + "  logging                     fluentd-k82hc    100m (2%)     0 (0%)      200Mi (1%)       200Mi (1%)     5m1s\n"
        + "Allocated resources:\n"
        + "  (Total limits may be over 100 percent, i.e., overcommitted.)\n"
        + "  Resource           Requests    Limits\n"
        + "  --------           --------    ------\n"
        + "  cpu                100m (2%)   0 (0%)\n"
        + "  memory             200Mi (1%)  200Mi (1%)\n"
        + "  ephemeral-storage  0 (0%)      0 (0%)\n"
        + "Events:              <none>\n";

    public const string DescribePod =
        "Name:             fluentd-4gx4c\n"
        + "Namespace:        logging\n"
        + "Priority:         0\n"
        + "Service Account:  default\n"
        + "Node:             cp-1/\n"
        + "Start Time:       Wed, 01 Jan 2025 00:00:01 +0000\n"
        + "Labels:           controller-revision-hash=67f5757fd\n"
        + "                  name=fluentd\n"
        + "                  pod-template-generation=1\n"
        + "Annotations:      <none>\n"
        + "Status:           Running\n"
        + "IP:               10.0.0.1\n"
        + "IPs:\n"
        + "  IP:           10.0.0.1\n"
        + "Controlled By:  DaemonSet/fluentd\n"
        + "Containers:\n"
        + "  fluentd-elasticsearch:\n"
        + "    Container ID:   \n"
        + "    Image:          quay.io/fluentd_elasticsearch/fluentd:v2.5.2\n"
        + "    Image ID:       \n"
        + "    Port:           <none>\n"
        + "    Host Port:      <none>\n"
        + "    State:          Running\n"
        + "      Started:      Wed, 01 Jan 2025 00:00:01 +0000\n"
        + "    Ready:          True\n"
        + "    Restart Count:  0\n"
        + "    Limits:\n"
        + "      memory:  200Mi\n"
        + "    Requests:\n"
        + "      cpu:        100m\n"
        + "      memory:     200Mi\n"
        + "    Environment:  <none>\n"
        + "    Mounts:\n"
        + "      /var/log from varlog (rw)\n"
        + "Conditions:\n"
        + "  Type              Status\n"
        + "  PodScheduled      True \n"
        + "  Initialized       True \n"
        + "  ContainersReady   True \n"
        + "  Ready             True \n"
        + "Volumes:\n"
        + "  varlog:\n"
        + "    Type:          HostPath (bare host directory volume)\n"
        + "    Path:          /var/log\n"
        + "    HostPathType:  \n"
        + "QoS Class:         Burstable\n"
        + "Node-Selectors:    <none>\n"
        + "Tolerations:       node.kubernetes.io/disk-pressure:NoSchedule op=Exists\n"
        + "                   node.kubernetes.io/memory-pressure:NoSchedule op=Exists\n"
        + "                   node.kubernetes.io/not-ready:NoExecute op=Exists\n"
        + "                   node.kubernetes.io/pid-pressure:NoSchedule op=Exists\n"
        + "                   node.kubernetes.io/unreachable:NoExecute op=Exists\n"
        + "                   node.kubernetes.io/unschedulable:NoSchedule op=Exists\n"
        + "Events:\n"
        + "  Type    Reason     Age   From               Message\n"
        + "  ----    ------     ----  ----               -------\n"
        + "  Normal  Scheduled  5m1s  default-scheduler  Successfully assigned logging/fluentd-4gx4c to cp-1\n"
        + "  Normal  Pulled     5m    kubelet            Container image \"quay.io/fluentd_elasticsearch/fluentd:v2.5.2\" already present on machine\n"
        + "  Normal  Created    5m    kubelet            Created container: fluentd-elasticsearch\n"
        + "  Normal  Started    5m    kubelet            Started container fluentd-elasticsearch\n";

    public const string DescribeDaemonSet =
        "Name:           fluentd\n"
        + "Selector:       name=fluentd\n"
        + "Node-Selector:  <none>\n"
        + "Labels:         app=fluentd-logging\n"
        + "Annotations:    deprecated.daemonset.template.generation: 1\n"
        + "Desired Number of Nodes Scheduled: 3\n"
        + "Current Number of Nodes Scheduled: 3\n"
        + "Number of Nodes Scheduled with Up-to-date Pods: 3\n"
        + "Number of Nodes Scheduled with Available Pods: 3\n"
        + "Number of Nodes Misscheduled: 0\n"
        + "Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"
        + "Pod Template:\n"
        + "  Labels:  name=fluentd\n"
        + "  Containers:\n"
        + "   fluentd-elasticsearch:\n"
        + "    Image:      quay.io/fluentd_elasticsearch/fluentd:v2.5.2\n"
        + "    Port:       <none>\n"
        + "    Host Port:  <none>\n"
        + "    Limits:\n"
        + "      memory:  200Mi\n"
        + "    Requests:\n"
        + "      cpu:        100m\n"
        + "      memory:     200Mi\n"
        + "    Environment:  <none>\n"
        + "    Mounts:\n"
        + "      /var/log from varlog (rw)\n"
        + "  Volumes:\n"
        + "   varlog:\n"
        + "    Type:          HostPath (bare host directory volume)\n"
        + "    Path:          /var/log\n"
        + "    HostPathType:  \n"
        + "  Node-Selectors:  <none>\n"
        + "  Tolerations:     <none>\n"
        + "Events:\n"
        + "  Type    Reason            Age   From                  Message\n"
        + "  ----    ------            ----  ----                  -------\n"
        + "  Normal  SuccessfulCreate  5m1s  daemonset-controller  Created pod: fluentd-4gx4c\n"
        + "  Normal  SuccessfulCreate  5m1s  daemonset-controller  Created pod: fluentd-k82hc\n"
        + "  Normal  SuccessfulCreate  5m1s  daemonset-controller  Created pod: fluentd-tjx25\n";

    public const string RolloutStatus =
        "daemon set \"fluentd\" successfully rolled out\n";

    public const string RolloutHistory =
        "daemonset.apps/fluentd \n"
        + "REVISION  CHANGE-CAUSE\n"
        + "1         <none>\n"
        + "\n";

    public const string RolloutHistoryRevision =
        "daemonset.apps/fluentd with revision #1\n"
        + "Pod Template:\n"
        + "  Labels:\tname=fluentd\n"
        + "  Containers:\n"
        + "   fluentd-elasticsearch:\n"
        + "    Image:\tquay.io/fluentd_elasticsearch/fluentd:v2.5.2\n"
        + "    Port:\t<none>\n"
        + "    Host Port:\t<none>\n"
        + "    Limits:\n"
        + "      memory:\t200Mi\n"
        + "    Requests:\n"
        + "      cpu:\t100m\n"
        + "      memory:\t200Mi\n"
        + "    Environment:\t<none>\n"
        + "    Mounts:\n"
        + "      /var/log from varlog (rw)\n"
        + "  Volumes:\n"
        + "   varlog:\n"
        + "    Type:\tHostPath (bare host directory volume)\n"
        + "    Path:\t/var/log\n"
        + "    HostPathType:\t\n"
        + "  Node-Selectors:\t<none>\n"
        + "  Tolerations:\t<none>\n"
        + "\n";

}
