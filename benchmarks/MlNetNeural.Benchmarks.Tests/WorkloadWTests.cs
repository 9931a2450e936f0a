using MlNetNeural.Benchmarks.MatrixProducts;
using MlNetNeural.Benchmarks.Workloads;

namespace MlNetNeural.Benchmarks.Tests;

public class WorkloadWTests
{
    [Fact]
    public void ShuffledOrderIsAPermutationThatRepeatsAcrossCallsAndChangesPerEpoch()
    {
        int[] first = WorkloadW.ShuffledOrder(1000, epoch: 0);

        Assert.Equal(Enumerable.Range(0, 1000), first.Order());
        Assert.Equal(first, WorkloadW.ShuffledOrder(1000, epoch: 0));
        Assert.NotEqual(first, WorkloadW.ShuffledOrder(1000, epoch: 1));
        Assert.NotEqual(Enumerable.Range(0, 1000), first);
    }

    [Theory]
    [InlineData(GemmOperation.Forward, 128, 128, 256, 784)]
    [InlineData(GemmOperation.WeightGradient, 32, 256, 784, 32)]
    public void GemmShapesFollowTheHiddenLayer(GemmOperation operation, int batch, int m, int n, int k)
    {
        var shape = GemmShape.Of(operation, batch);

        Assert.Equal(new GemmShape(m, n, k), shape);
        Assert.Equal(2.0 * m * n * k, shape.Flops);
    }
}
