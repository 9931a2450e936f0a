using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using static MlNetNeural.Tests.Core.DoubleReference;

namespace MlNetNeural.Tests.Core;

/// <summary>
/// Back-propagated float gradients against central finite differences of an independent
/// double-precision reference: relative error below 1e-3 for every parameter and input.
/// </summary>
public class GradientCheckTests
{
    private const int Batch = 6, Inputs = 5, Hidden = 7;

    public static TheoryData<ActivationKind, LossKind, bool> Cases()
    {
        var data = new TheoryData<ActivationKind, LossKind, bool>();
        foreach (var activation in Enum.GetValues<ActivationKind>())
        foreach (var loss in Enum.GetValues<LossKind>())
        foreach (bool weighted in new[] { false, true })
            data.Add(activation, loss, weighted);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParameterAndInputGradientsMatchFiniteDifferences(ActivationKind activationKind, LossKind lossKind, bool weighted)
    {
        var random = new DeterministicRandom(42);
        var activation = new Activation(activationKind, 0.1f);
        int outputs = lossKind switch { LossKind.Softmax => 3, LossKind.Binary => 1, _ => 2 };
        // A pass-through first layer makes the dense layer's input gradient observable in the workspace.
        var network = new NetworkArchitecture(Inputs, [Hidden, 4], activation, 0f, outputs).Build(random);
        network = new Network([new DropoutLayer(Inputs, 0f), .. network.Layers]);
        float[] x = Enumerable.Range(0, Batch * Inputs).Select(_ => random.NextGaussian()).ToArray();
        float[] targets = MakeTargets(lossKind, outputs, random);
        float[]? weights = weighted ? Enumerable.Range(0, Batch).Select(_ => 0.2f + 2f * random.NextFloat()).ToArray() : null;
        float[] classWeights = [0.5f, 2f, 1.5f];
        const float PositiveWeight = 3f;
        ILoss loss = lossKind switch
        {
            LossKind.Softmax => new SoftmaxCrossEntropyLoss(3, weighted ? classWeights : null),
            LossKind.Binary => new SigmoidBinaryCrossEntropyLoss(weighted ? PositiveWeight : 1f),
            LossKind.Mse => new MeanSquaredErrorLoss(outputs),
            _ => new HuberLoss(0.5f, outputs),
        };

        var workspace = network.CreateWorkspace(Batch);
        var y = network.Forward(x, workspace, Batch, new ForwardMode(true, new DeterministicRandom(1), 1));
        var gradient = new float[Batch * outputs];
        loss.Compute(y, targets, weights, Batch, gradient);
        network.Backward(x, workspace, gradient, Batch, 1);

        double Reference(double[][] parameters, float[] input) => DoubleReference.Loss(lossKind,
            Forward(network, parameters, input, Batch), targets, weights, Batch, outputs,
            weighted ? classWeights : null, weighted ? PositiveWeight : 1f, huberDelta: 0.5);

        var reference = CopyParameters(network);
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            for (int i = 0; i < reference[p].Length; i++)
            {
                double original = reference[p][i];
                const double h = 1e-6;
                reference[p][i] = original + h;
                double plus = Reference(reference, x);
                reference[p][i] = original - h;
                double minus = Reference(reference, x);
                reference[p][i] = original;
                AssertClose((plus - minus) / (2 * h), network.Parameters[p].Gradient[i], $"{network.Parameters[p].Name}[{i}]");
            }
        }

        float[] inputGradient = workspace.Gradients[0];
        for (int i = 0; i < x.Length; i++)
        {
            float original = x[i];
            const float h = 1e-5f;
            x[i] = original + h;
            double plus = Reference(reference, x);
            x[i] = original - h;
            double minus = Reference(reference, x);
            x[i] = original;
            double step = ((double)(original + h) - (original - h));
            AssertClose((plus - minus) / step, inputGradient[i], $"input[{i}]");
        }
    }

    [Fact]
    public void DropoutGradientMatchesFiniteDifferencesUnderAFixedMask()
    {
        var random = new DeterministicRandom(7);
        var network = new Network([
            new DenseLayer(4, 6, Activation.Identity), new DropoutLayer(6, 0.5f), new DenseLayer(6, 2, Activation.Identity)]);
        foreach (var p in network.Parameters) for (int i = 0; i < p.Values.Length; i++) p.Values[i] = random.NextGaussian() * 0.5f;
        float[] x = Enumerable.Range(0, 3 * 4).Select(_ => random.NextGaussian()).ToArray();
        float[] targets = Enumerable.Range(0, 3 * 2).Select(_ => random.NextGaussian()).ToArray();
        var loss = new MeanSquaredErrorLoss(2);
        var workspace = network.CreateWorkspace(3);
        double LossWithMask()
        {
            var output = network.Forward(x, workspace, 3, new ForwardMode(true, new DeterministicRandom(99), 1));
            return loss.Compute(output, targets, default, 3, default);
        }

        var y = network.Forward(x, workspace, 3, new ForwardMode(true, new DeterministicRandom(99), 1));
        var gradient = new float[6];
        loss.Compute(y, targets, default, 3, gradient);
        network.Backward(x, workspace, gradient, 3, 1);
        var analytic = network.Parameters.Select(p => (float[])p.Gradient.Clone()).ToArray();
        Assert.Contains(0f, ((DenseLayer)network.Layers[0]).Weights.Gradient.Select(g => g)); // some units were dropped...
        Assert.Contains(analytic[0], g => g != 0f);                                            // ...and some kept

        for (int p = 0; p < network.Parameters.Count; p++)
        {
            float[] values = network.Parameters[p].Values;
            for (int i = 0; i < values.Length; i++)
            {
                float original = values[i];
                const float h = 1e-2f;
                values[i] = original + h;
                double plus = LossWithMask();
                values[i] = original - h;
                double minus = LossWithMask();
                values[i] = original;
                AssertClose((plus - minus) / (2 * h), analytic[p][i], $"{network.Parameters[p].Name}[{i}]");
            }
        }
    }

    private static float[] MakeTargets(LossKind kind, int outputs, DeterministicRandom random) => kind switch
    {
        LossKind.Softmax => Enumerable.Range(0, Batch).Select(i => (float)(i % 3)).ToArray(),
        LossKind.Binary => Enumerable.Range(0, Batch).Select(i => (float)(i % 2)).ToArray(),
        _ => Enumerable.Range(0, Batch * outputs).Select(_ => 1.5f * random.NextGaussian()).ToArray(),
    };
}
