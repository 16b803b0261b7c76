using Simulator.Model;
using Simulator.Scheduling;
using Simulator.Scheduling.Rules;
using static Simulator.Tests.Scheduling.SchedulingFixtures;

namespace Simulator.Tests.Scheduling;

// Cases follow pkg/scheduler/framework/plugins/nodeports node_ports_test.go and framework types_test.go (HostPortInfo).
public class NodePortsTests
{
    private static readonly NodePorts Rule = new();

    private static FilterResult Filter(ContainerPort wanted, params ContainerPort[] used)
    {
        var node = Node("n", "cpu", "4", "memory", "8Gi", "pods", "10");
        var pods = used.Select((p, i) => Pod($"u{i}").WithPorts(p)).ToArray();
        return Rule.Filter(Context(Pod("p").WithPorts(wanted)), Info(node, pods));
    }

    [Theory]
    [InlineData("same port, protocol and IP", "127.0.0.1", "UDP", 8080, "127.0.0.1", "UDP", 8080, true)]
    [InlineData("different ports", "127.0.0.1", "UDP", 8080, "127.0.0.1", "UDP", 9090, false)]
    [InlineData("different protocols on one port coexist", "127.0.0.1", "TCP", 53, "127.0.0.1", "UDP", 53, false)]
    [InlineData("different IPs on one port coexist", "127.0.0.1", "TCP", 8080, "127.0.0.2", "TCP", 8080, false)]
    [InlineData("wanted 0.0.0.0 conflicts with any IP", "0.0.0.0", "TCP", 8001, "127.0.0.1", "TCP", 8001, true)]
    [InlineData("wanted specific IP conflicts with a used 0.0.0.0", "10.0.0.1", "TCP", 8001, "0.0.0.0", "TCP", 8001, true)]
    [InlineData("empty hostIP means 0.0.0.0", "", "TCP", 8001, "127.0.0.1", "TCP", 8001, true)]
    [InlineData("empty protocol means TCP", "127.0.0.1", "", 8001, "127.0.0.1", "TCP", 8001, true)]
    [InlineData("0.0.0.0 with another protocol does not conflict", "0.0.0.0", "UDP", 8001, "127.0.0.1", "TCP", 8001, false)]
    [InlineData("hostPort 0 is ignored", "0.0.0.0", "TCP", 0, "0.0.0.0", "TCP", 0, false)]
    public void Filter_PortPairs_FollowsHostPortConflictRules(
        string description, string wantIp, string wantProtocol, int wantPort, string usedIp, string usedProtocol, int usedPort, bool conflict)
    {
        var result = Filter(new ContainerPort(80, wantPort, wantProtocol, wantIp), new ContainerPort(80, usedPort, usedProtocol, usedIp));

        result.IsSuccess.ShouldBe(!conflict, description);
        if (conflict)
        {
            result.Code.ShouldBe(FilterCode.Unschedulable);
            result.Reasons.ToArray().ShouldBe(["node(s) didn't have free ports for the requested pod ports"]);
        }
    }

    [Fact]
    public void Filter_ContainerPortWithoutHostPort_NeverConflicts()
    {
        Filter(new ContainerPort(8080), new ContainerPort(8080)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Filter_TerminalPodHoldingThePort_Frees()
    {
        var node = Node("n", "cpu", "4", "memory", "8Gi", "pods", "10");
        var done = Pod("done").WithPorts(new ContainerPort(80, 80)).BoundTo("n", PodPhase.Succeeded);

        Rule.Filter(Context(Pod("p").WithPorts(new ContainerPort(80, 80))), Info(node, done)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Of_Ports_NormalisesIpAndProtocolAndSkipsZero()
    {
        var pod = Pod("p").WithPorts(new ContainerPort(53, 53, ""), new ContainerPort(80), new ContainerPort(53, 53, PortProtocol.Udp, "10.1.2.3"));

        HostPortUse.Of(pod.Spec).ToArray().ShouldBe([new HostPortUse("0.0.0.0", "TCP", 53), new HostPortUse("10.1.2.3", "UDP", 53)]);
    }
}
