using Simulator.Kubernetes.Views;

namespace Simulator.Kubernetes.Tests.Views;

public class TabWriterTests
{
    [Fact]
    public void Tables_PadToWidestCellPlusThree_LastColumnUnpadded()
    {
        var w = TabWriter.ForTables();
        w.Write("NAME\tSTATUS\tAGE\nw1\tReady\t5m\nworker-10\tNotReady\t3h\n");
        w.ToString().ShouldBe(
            "NAME        STATUS     AGE\n" +
            "w1          Ready      5m\n" +
            "worker-10   NotReady   3h\n");
    }

    [Fact]
    public void Tables_NarrowColumn_IsAtLeastSixWide()
    {
        var w = TabWriter.ForTables();
        w.Write("A\tB\nx\ty\n");
        w.ToString().ShouldBe("A     B\nx     y\n");
    }

    [Fact]
    public void Describe_LineWithoutTab_EndsTheColumnBlock()
    {
        var w = TabWriter.ForDescribe();
        w.Write("Name:\tx\nLongerLabel:\ty\nSection:\n  A:\t1\n");
        w.ToString().ShouldBe("Name:         x\nLongerLabel:  y\nSection:\n  A:  1\n");
    }

    [Fact]
    public void Describe_Flush_StartsAFreshAlignment()
    {
        var w = TabWriter.ForDescribe();
        w.Write("Long label:\ta\n");
        w.Flush();
        w.Write("X:\tb\n");
        w.ToString().ShouldBe("Long label:  a\nX:  b\n");
    }
}
