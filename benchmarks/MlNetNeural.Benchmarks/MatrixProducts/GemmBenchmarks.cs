using BenchmarkDotNet.Attributes;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Torch;
using MlNetNeural.Benchmarks.Workloads;
using MlNetNeural.Core.Kernels;
using static TorchSharp.torch;

namespace MlNetNeural.Benchmarks.MatrixProducts;

/// <summary>
/// The hidden layer's matrix products of workload W, TorchSharp (libtorch's CPU GEMM) against
/// <see cref="Gemm"/>, both with <see cref="WorkloadW.Threads"/> threads, both writing into a
/// preallocated row-major output. TorchSharp uses addmm_ with β = 0, which is mm into an existing tensor.
/// </summary>
[Config(typeof(GemmConfig))]
public class GemmBenchmarks
{
    /// <summary>Rows per mini-batch.</summary>
    [Params(32, 128)]
    public int Batch { get; set; }

    /// <summary>Which product.</summary>
    [ParamsAllValues]
    public GemmOperation Operation { get; set; }

    private GemmShape shape;
    private float[] left = [];
    private float[] right = [];
    private float[] output = [];
    private Tensor? torchLeft;
    private Tensor? torchRight;
    private Tensor? torchLeftOperand;
    private Tensor? torchRightOperand;
    private Tensor? torchOutput;

    /// <summary>Fills the operands with fixed random values and checks that both libraries compute the same product.</summary>
    /// <exception cref="InvalidOperationException">The two results differ: a layout or kernel error.</exception>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize();
        shape = GemmShape.Of(Operation, Batch);
        var random = new Random(WorkloadW.Seed);
        // Stored layouts as the trainer keeps them: Forward A = X[m×k], B = W[n×k]; WeightGradient A = dH[k×m], B = X[k×n].
        left = RandomValues(random, shape.M * shape.K);
        right = RandomValues(random, shape.N * shape.K);
        output = new float[shape.M * shape.N];

        var storedLeft = Operation == GemmOperation.Forward ? new long[] { shape.M, shape.K } : [shape.K, shape.M];
        var storedRight = Operation == GemmOperation.Forward ? new long[] { shape.N, shape.K } : [shape.K, shape.N];
        torchLeft = tensor(left, storedLeft);
        torchRight = tensor(right, storedRight);
        // Transposed views are made once here, so the timed call is the product alone.
        torchLeftOperand = Operation == GemmOperation.Forward ? torchLeft.alias() : torchLeft.t();
        torchRightOperand = Operation == GemmOperation.Forward ? torchRight.t() : torchRight.alias();
        torchOutput = zeros(shape.M, shape.N);

        TorchSharp();
        MlNetNeural();
        float difference = torchOutput.data<float>().Zip(output, (t, o) => MathF.Abs(t - o)).Max();
        if (difference > 1e-3f * shape.K)
            throw new InvalidOperationException(
                $"{Operation} with batch {Batch}: TorchSharp and Gemm differ by up to {difference}; expected rounding differences only.");
    }

    /// <summary>libtorch's product.</summary>
    [Benchmark(Baseline = true)]
    public void TorchSharp() => torchOutput!.addmm_(torchLeftOperand!, torchRightOperand!, beta: 0, alpha: 1);

    /// <summary>Our product.</summary>
    [Benchmark]
    public void MlNetNeural()
    {
        if (Operation == GemmOperation.Forward)
            Gemm.MultiplyTransposedB(left, right, output, shape.M, shape.N, shape.K, accumulate: false, threads: WorkloadW.Threads);
        else
            Gemm.MultiplyTransposedA(left, right, output, shape.M, shape.N, shape.K, accumulate: false, threads: WorkloadW.Threads);
    }

    /// <summary>Releases the native tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var tensor in new[] { torchLeftOperand, torchRightOperand, torchLeft, torchRight })
            tensor?.Dispose();
        torchOutput?.Dispose();
    }

    private static float[] RandomValues(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
