namespace MlNetNeural.Benchmarks.MatrixProducts;

/// <summary>The hidden layer's two large matrix products in one training step of workload W.</summary>
public enum GemmOperation
{
    /// <summary>Forward pass: H[batch×256] = X[batch×784] · W[256×784]ᵀ (Gemm.MultiplyTransposedB).</summary>
    Forward,

    /// <summary>Weight gradient: dW[256×784] = dH[batch×256]ᵀ · X[batch×784] (Gemm.MultiplyTransposedA).</summary>
    WeightGradient,
}
