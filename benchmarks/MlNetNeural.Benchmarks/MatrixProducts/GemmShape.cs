using MlNetNeural.Benchmarks.Workloads;

namespace MlNetNeural.Benchmarks.MatrixProducts;

/// <summary>C[m×n] = A·B with inner dimension k, as Gemm's m, n, k arguments name them.</summary>
/// <param name="M">Rows of the output.</param>
/// <param name="N">Columns of the output.</param>
/// <param name="K">Inner dimension.</param>
public readonly record struct GemmShape(int M, int N, int K)
{
    /// <summary>Floating-point operations of one product: a multiply and an add per inner step.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The shape of <paramref name="operation"/> for mini-batches of <paramref name="batch"/> rows in workload W.</summary>
    /// <param name="operation">Which product.</param>
    /// <param name="batch">Rows per mini-batch.</param>
    public static GemmShape Of(GemmOperation operation, int batch) => operation switch
    {
        GemmOperation.Forward => new GemmShape(batch, WorkloadW.Hidden, WorkloadW.Inputs),
        GemmOperation.WeightGradient => new GemmShape(WorkloadW.Hidden, WorkloadW.Inputs, batch),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown matrix product."),
    };
}
