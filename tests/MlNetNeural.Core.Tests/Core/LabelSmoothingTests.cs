using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Tests.Core;

/// <summary>Label smoothing in the classification losses: hand-computed values and finite-difference gradients.</summary>
public sealed class LabelSmoothingTests
{
    [Fact]
    public void SoftmaxWithSmoothingMatchesHandValues()
    {
        var loss = new SoftmaxCrossEntropyLoss(3, labelSmoothing: 0.3f);
        var gradient = new float[3];
        // Equal logits: p = 1/3 each; q = [0.8, 0.1, 0.1]; loss = −Σ q log(1/3) = log 3.
        Assert.Equal(Math.Log(3), loss.Compute([0f, 0f, 0f], [0f], default, 1, gradient), 6);
        Assert.Equal(1f / 3 - 0.8f, gradient[0], 6);
        Assert.Equal(1f / 3 - 0.1f, gradient[1], 6);
    }

    [Fact]
    public void BinaryWithSmoothingMatchesHandValues()
    {
        var loss = new SigmoidBinaryCrossEntropyLoss(labelSmoothing: 0.2f);
        var gradient = new float[2];
        // z = 0: p = 0.5; targets 1 → 0.9 and 0 → 0.1; loss log 2 for both.
        Assert.Equal(Math.Log(2), loss.Compute([0f, 0f], [1f, 0f], default, 2, gradient), 6);
        Assert.Equal((0.5f - 0.9f) / 2, gradient[0], 6);
        Assert.Equal((0.5f - 0.1f) / 2, gradient[1], 6);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    public void GradientsMatchFiniteDifferencesOfTheSmoothedLoss(float epsilon)
    {
        var random = new DeterministicRandom(3);
        const int Rows = 4, Classes = 3;
        float[] logits = Enumerable.Range(0, Rows * Classes).Select(_ => 2f * random.NextGaussian()).ToArray();
        float[] classes = [0f, 2f, 1f, 2f];
        float[] weights = [1f, 0.5f, 2f, 1.5f];
        CheckGradient(new SoftmaxCrossEntropyLoss(Classes, [1f, 2f, 0.5f], epsilon), logits, classes, weights, Classes, Rows,
            (z, row) => SoftmaxReference(z, row, (int)classes[row], Classes, epsilon) * weights[row] * new[] { 1f, 2f, 0.5f }[(int)classes[row]]);
        float[] binaryLogits = logits[..Rows];
        float[] labels = [1f, 0f, 0f, 1f];
        CheckGradient(new SigmoidBinaryCrossEntropyLoss(3f, epsilon), binaryLogits, labels, weights, 1, Rows,
            (z, row) => BinaryReference(z[row], labels[row], epsilon) * weights[row] * (labels[row] == 1f ? 3f : 1f));
    }

    [Fact]
    public void SmoothingOutsideZeroToOneIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropyLoss(3, labelSmoothing: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SigmoidBinaryCrossEntropyLoss(labelSmoothing: -0.1f));
    }

    private static void CheckGradient(ILoss loss, float[] logits, float[] targets, float[] weights, int width, int rows, Func<double[], int, double> rowLoss)
    {
        var gradient = new float[logits.Length];
        double value = loss.Compute(logits, targets, weights, rows, gradient);
        double[] z = logits.Select(v => (double)v).ToArray();
        double Total() => Enumerable.Range(0, rows).Sum(row => rowLoss(z, row)) / rows;
        Assert.Equal(Total(), value, 5);
        for (int i = 0; i < z.Length; i++)
        {
            double original = z[i];
            z[i] = original + 1e-6;
            double plus = Total();
            z[i] = original - 1e-6;
            double minus = Total();
            z[i] = original;
            Assert.Equal((plus - minus) / 2e-6, gradient[i], 4);
        }
    }

    private static double SoftmaxReference(double[] z, int row, int label, int classes, double epsilon)
    {
        var logits = z.Skip(row * classes).Take(classes).ToArray();
        double logSumExp = Math.Log(logits.Sum(Math.Exp));
        return Enumerable.Range(0, classes).Sum(c => -((c == label ? 1 - epsilon : 0) + epsilon / classes) * (logits[c] - logSumExp));
    }

    private static double BinaryReference(double z, double label, double epsilon)
    {
        double y = label * (1 - epsilon) + epsilon / 2, p = 1 / (1 + Math.Exp(-z));
        return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
    }
}
