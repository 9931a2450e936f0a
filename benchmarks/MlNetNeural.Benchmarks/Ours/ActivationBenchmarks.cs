using BenchmarkDotNet.Attributes;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Torch;
using MlNetNeural.Benchmarks.Workloads;
using MlNetNeural.Core.Activations;
using static TorchSharp.torch;

namespace MlNetNeural.Benchmarks.Ours;

/// <summary>
/// A hidden layer's activation over one mini-batch (128 rows × 256 units, one thread): GELU forward and its derivative
/// against ReLU's forward and libtorch's GELU (TorchSharp's <c>gelu</c>, the exact erf form, the peer), so the cost of
/// choosing GELU over ReLU reads as a ratio; LeakyReLU's two passes too. With <see cref="OtherCheckout.Variable"/> set, the same against another checkout.
/// </summary>
[Config(typeof(GemmConfig))]
public class ActivationBenchmarks
{
    private const int Rows = 128, Units = 256;
    private static readonly Activation Gelu = new(ActivationKind.Gelu);
    private static readonly Activation LeakyReLU = new(ActivationKind.LeakyReLU);
    private readonly float[] preActivation = new float[Rows * Units];
    private readonly float[] output = new float[Rows * Units];
    private readonly float[] gradient = new float[Rows * Units];
    private Tensor? torchInput;

    /// <summary>Pre-activations spread as a trained layer's are (about −4 to 4), and a gradient of ones.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize();
        set_num_threads(1);
        var random = new Random(WorkloadW.Seed);
        for (int i = 0; i < preActivation.Length; i++) preActivation[i] = (float)(random.NextDouble() * 8 - 4);
        torchInput = tensor(preActivation, [Rows, Units]);
    }

    /// <summary>libtorch's GELU forward (a new output tensor each call, released at once).</summary>
    [Benchmark(Baseline = true)]
    public void TorchSharpGelu()
    {
        using var result = nn.functional.gelu(torchInput!);
    }

    /// <summary>Our GELU forward.</summary>
    [Benchmark]
    public void GeluForward() => Gelu.Apply(preActivation, output);

    /// <summary>Our GELU derivative times the incoming gradient (the backward pass's element-wise step).</summary>
    [Benchmark]
    public void GeluDerivative()
    {
        Array.Fill(gradient, 1f);
        Gelu.Backpropagate(preActivation, output, gradient);
    }

    /// <summary>Our LeakyReLU forward (slope 0.01).</summary>
    [Benchmark]
    public void LeakyReLUForward() => LeakyReLU.Apply(preActivation, output);

    /// <summary>Our LeakyReLU derivative times the incoming gradient.</summary>
    [Benchmark]
    public void LeakyReLUDerivative()
    {
        Array.Fill(gradient, 1f);
        LeakyReLU.Backpropagate(preActivation, preActivation, gradient);
    }

    /// <summary>Our ReLU forward, for the cost of GELU against the default activation.</summary>
    [Benchmark]
    public void ReLUForward() => Activation.ReLU.Apply(preActivation, output);

    /// <summary>Releases the native tensor.</summary>
    [GlobalCleanup]
    public void Cleanup() => torchInput?.Dispose();
}
