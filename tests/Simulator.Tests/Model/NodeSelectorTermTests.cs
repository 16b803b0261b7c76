using Simulator.Model;

namespace Simulator.Tests.Model;

// Cases follow component-helpers scheduling/corev1/nodeaffinity nodeaffinity_test.go (TestNodeSelectorMatch,
// TestPodMatchesNodeSelectorAndAffinityTerms) and apimachinery labels.NewRequirement validation.
public class NodeSelectorTermTests
{
    private static NodeSelectorTerm Expressions(params SelectorRequirement[] requirements) => new() { MatchExpressions = EquatableArray.Create(requirements) };

    private static NodeSelectorTerm Fields(params SelectorRequirement[] requirements) => new() { MatchFields = EquatableArray.Create(requirements) };

    private static SelectorRequirement Req(string key, string op, params string[] values) => SelectorRequirement.Of(key, op, values);

    [Theory]
    [InlineData("In with the node's value listed", "foo", "In", "bar,value2", "foo=bar", true)]
    [InlineData("In with the node's value not listed", "foo", "In", "value1,value2", "foo=bar", false)]
    [InlineData("In with the label absent", "foo", "In", "bar", "", false)]
    [InlineData("NotIn with the value not listed", "mem-type", "NotIn", "DDR,DDR2", "mem-type=DDR3", true)]
    [InlineData("NotIn with the value listed", "mem-type", "NotIn", "DDR,DDR2", "mem-type=DDR2", false)]
    [InlineData("NotIn matches a node without the label", "mem-type", "NotIn", "DDR", "", true)]
    [InlineData("Exists with the label present", "GPU", "Exists", "", "GPU=NVIDIA-GRID-K1", true)]
    [InlineData("Exists with the label absent", "GPU", "Exists", "", "", false)]
    [InlineData("DoesNotExist with the label absent", "GPU", "DoesNotExist", "", "", true)]
    [InlineData("DoesNotExist with the label present", "GPU", "DoesNotExist", "", "GPU=x", false)]
    [InlineData("Gt parses leading zeros: 0206 > 0204", "kernel-version", "Gt", "0204", "kernel-version=0206", true)]
    [InlineData("Gt parses leading zeros on the label: 0206 > 205", "kernel-version", "Gt", "205", "kernel-version=0206", true)]
    [InlineData("Gt is strict", "cores", "Gt", "8", "cores=8", false)]
    [InlineData("Gt compares numbers, not strings: 10 > 9", "cores", "Gt", "9", "cores=10", true)]
    [InlineData("Lt is strict", "cores", "Lt", "8", "cores=8", false)]
    [InlineData("Lt with a smaller label", "cores", "Lt", "8", "cores=7", true)]
    [InlineData("Lt compares numbers, not strings: 9 < 10", "cores", "Lt", "10", "cores=9", true)]
    [InlineData("Gt with the label absent", "cores", "Gt", "1", "", false)]
    [InlineData("Gt with a non-integer label", "cores", "Gt", "1", "cores=many", false)]
    [InlineData("Lt with a decimal label", "cores", "Lt", "10", "cores=1.5", false)]
    [InlineData("Gt with a non-integer value", "cores", "Gt", "one", "cores=8", false)]
    [InlineData("Gt with a negative value is not a valid label value", "cores", "Gt", "-1", "cores=8", false)]
    [InlineData("Gt with a '+' value is not a valid label value", "cores", "Gt", "+1", "cores=8", false)]
    [InlineData("Gt with two values", "cores", "Gt", "1,2", "cores=8", false)]
    [InlineData("Gt with no value", "cores", "Gt", "", "cores=8", false)]
    [InlineData("Gt beyond int64 never parses", "cores", "Gt", "9223372036854775808", "cores=8", false)]
    [InlineData("Exists with values is malformed", "GPU", "Exists", "x", "GPU=x", false)]
    [InlineData("DoesNotExist with values is malformed", "GPU", "DoesNotExist", "x", "", false)]
    [InlineData("In without values is malformed", "foo", "In", "", "foo=bar", false)]
    [InlineData("NotIn without values is malformed (even for an absent label)", "foo", "NotIn", "", "", false)]
    [InlineData("NotIn with an invalid label value is malformed", "foo", "NotIn", "invalid value: ___@#$%^", "foo=bar", false)]
    [InlineData("an invalid key is malformed", "invalid key", "Exists", "", "", false)]
    [InlineData("an unknown operator is malformed", "foo", "Equals", "bar", "foo=bar", false)]
    public void Matches_OneExpression_FollowsNodeAffinitySemantics(string description, string key, string op, string values, string nodeLabel, bool expected)
    {
        var term = Expressions(Req(key, op, values.Length == 0 ? [] : values.Split(',')));
        var labels = nodeLabel.Length == 0 ? StringMap.Empty : StringMap.Of(nodeLabel.Split('='));

        term.Matches("node-1", labels).ShouldBe(expected, description);
    }

    [Fact]
    public void Matches_EmptyTerm_MatchesNothing()
    {
        new NodeSelectorTerm().Matches("node-1", StringMap.Of("foo", "bar")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("both expressions hold", "NVIDIA-GRID-K1", "NotIn", true)]
    [InlineData("the second expression fails", "NVIDIA-GRID-K1", "In", false)]
    public void Matches_SeveralExpressions_AreAnded(string description, string gpu, string secondOp, bool expected)
    {
        var term = Expressions(Req("GPU", SelectorOperator.Exists), Req("GPU", secondOp, "AMD", "INTER"));

        term.Matches("node-1", StringMap.Of("GPU", gpu)).ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("In with the node's name", "In", "node-1", "node-1", true)]
    [InlineData("In with another name", "In", "node-1", "node-2", false)]
    [InlineData("NotIn with the node's name", "NotIn", "node-1", "node-1", false)]
    [InlineData("NotIn with another name", "NotIn", "node-1", "node-2", true)]
    public void Matches_MatchFieldsMetadataName_ComparesNodeName(string description, string op, string value, string nodeName, bool expected)
    {
        Fields(Req(NodeFieldSelectorKeys.NodeName, op, value)).Matches(nodeName, StringMap.Empty).ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("two values are malformed", "metadata.name", "In", "node-1,node-2")]
    [InlineData("no value is malformed", "metadata.name", "In", "")]
    [InlineData("Exists is not a field operator", "metadata.name", "Exists", "")]
    [InlineData("a field other than metadata.name", "metadata.namespace", "In", "node-1")]
    [InlineData("a label key is not a field", "kubernetes.io/hostname", "In", "node-1")]
    public void Matches_MalformedMatchFields_NeverMatches(string description, string key, string op, string values)
    {
        var term = Fields(Req(key, op, values.Length == 0 ? [] : values.Split(',')));

        term.Matches("node-1", StringMap.Of("kubernetes.io/hostname", "node-1")).ShouldBeFalse(description);
    }

    [Theory]
    [InlineData("name and label both match", "host_1", "label_1_val", true)]
    [InlineData("name matches but the label does not", "host_1", "other", false)]
    [InlineData("label matches but the name does not", "host_2", "label_1_val", false)]
    public void Matches_ExpressionsAndFields_AreAnded(string description, string nodeName, string labelValue, bool expected)
    {
        var term = new NodeSelectorTerm
        {
            MatchExpressions = EquatableArray.Create(Req("label_1", SelectorOperator.In, "label_1_val")),
            MatchFields = EquatableArray.Create(Req(NodeFieldSelectorKeys.NodeName, SelectorOperator.In, "host_1")),
        };

        term.Matches(nodeName, StringMap.Of("label_1", labelValue)).ShouldBe(expected, description);
    }

    [Fact]
    public void ForNodeName_Pins_MatchesOnlyThatNode()
    {
        var term = NodeSelectorTerm.ForNodeName("node-7");

        term.Matches("node-7", StringMap.Empty).ShouldBeTrue();
        term.Matches("node-8", StringMap.Empty).ShouldBeFalse();
    }
}
