using MlNetNeural.Core.Training;
using MlNetNeural.Core.Losses;

namespace MlNetNeural.Tests.Core;

public class LossTests
{
    [Fact]
    public void SoftmaxCrossEntropyIsFiniteForHugeLogits()
    {
        var loss = new SoftmaxCrossEntropyLoss(3);
        float[] logits = [1e4f, -1e4f, 0f, -3e4f, 3e4f, 2e4f];
        var gradient = new float[6];
        double value = loss.Compute(logits, [1f, 1f], default, 2, gradient);
        // Row 1: true class logit −1e4, max 1e4 → loss 2e4; row 2: correct class is the max → ~0.
        Assert.Equal(1e4, value, 0);
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(0.5f, gradient[0], 5);   // (p=1 − 0)/batch
        Assert.Equal(-0.5f, gradient[1], 5);  // (p=0 − 1)/batch
    }

    [Fact]
    public void BinaryCrossEntropyIsFiniteForHugeLogitsAndMatchesHandValues()
    {
        var loss = new SigmoidBinaryCrossEntropyLoss();
        var gradient = new float[3];
        double value = loss.Compute([1e4f, -1e4f, 0f], [0f, 0f, 1f], default, 3, gradient);
        // Row 1: confidently wrong → 1e4; row 2: confidently right → 0; row 3: log 2.
        Assert.Equal((1e4 + Math.Log(2)) / 3, value, 4);
        Assert.Equal(1f / 3, gradient[0], 5);
        Assert.Equal(0f, gradient[1], 5);
        Assert.Equal(-0.5f / 3, gradient[2], 5);
    }

    [Fact]
    public void ClassAndExampleWeightsMultiplyEachRow()
    {
        var plain = new SigmoidBinaryCrossEntropyLoss();
        var weighted = new SigmoidBinaryCrossEntropyLoss(positiveClassWeight: 3f);
        float[] logits = [0.3f, -0.7f];
        float[] targets = [1f, 0f];
        double[] rows = [plain.Compute(logits[..1], targets[..1], default, 1, default), plain.Compute(logits[1..], targets[1..], default, 1, default)];
        Assert.Equal((3 * rows[0] + rows[1]) / 2, weighted.Compute(logits, targets, default, 2, default), 10);
        Assert.Equal((3 * 0.5 * rows[0] + 2 * rows[1]) / 2, weighted.Compute(logits, targets, [0.5f, 2f], 2, default), 10);
    }

    [Fact]
    public void HuberIsQuadraticInsideDeltaAndLinearOutside()
    {
        var loss = new HuberLoss(delta: 1f);
        Assert.Equal(0.125, loss.Compute([0.5f], [0f], default, 1, default), 10);
        Assert.Equal(2.5, loss.Compute([3f], [0f], default, 1, default), 10);
        var gradient = new float[1];
        loss.Compute([-3f], [0f], default, 1, gradient);
        Assert.Equal(-1f, gradient[0]);
    }

    [Fact]
    public void MetricsAreAccuracyAndRmse()
    {
        var softmax = new SoftmaxCrossEntropyLoss(2);
        Assert.Equal(1.0, softmax.MetricSum([2f, 1f, 0f, 5f], [0f, 0f], 2));
        var mse = new MeanSquaredErrorLoss();
        Assert.Equal(Math.Sqrt((9 + 16) / 2.0), mse.FinishMetric(mse.MetricSum([3f, 0f], [0f, 4f], 2), 2), 10);
    }

    [Fact]
    public void InvalidTargetsNameTheRowAndTheRequirement()
    {
        AssertRefused(() => new SoftmaxCrossEntropyLoss(3).ValidateTargets([0f, 3f]), row: 1, index: 0, value: 3f, "0 to 2");
        AssertRefused(() => new SigmoidBinaryCrossEntropyLoss().ValidateTargets([0f, 1f, 0.5f]), row: 2, index: 0, value: 0.5f, "0 or 1");
        AssertRefused(() => new MeanSquaredErrorLoss(2).ValidateTargets([1f, 2f, 3f, float.NaN]), row: 1, index: 1, value: float.NaN, "finite");
    }

    private static void AssertRefused(Action validate, int row, int index, float value, string requirement)
    {
        var error = Assert.Throws<InvalidTrainingDataException>(validate);
        Assert.Equal((TrainingDataPart.Target, row, index, value), (error.Part, error.Row, error.Index, error.Value));
        Assert.Contains(requirement, error.Message);
        Assert.Contains($"row {row}", error.Message);
    }
}
