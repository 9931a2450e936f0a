namespace MlNetNeural.Core.Attribution;

/// <summary>How integrated gradients integrates along the path from the baseline to the row. The numeric values are stored in model files: never renumber them.</summary>
public enum IntegrationRule
{
    /// <summary>
    /// Gauss–Legendre quadrature: exact for polynomials of degree 2n − 1 in the path position, so it converges fastest on
    /// smooth networks (GELU, tanh, sigmoid). Captum's default for integrated gradients.
    /// </summary>
    GaussLegendre = 0,

    /// <summary>
    /// The midpoint Riemann sum: n equal steps, each evaluated at its centre. Robust when the gradient jumps along the path,
    /// as it does at every ReLU kink.
    /// </summary>
    RiemannMidpoint = 1,
}
