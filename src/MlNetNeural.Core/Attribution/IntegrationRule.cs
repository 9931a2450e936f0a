namespace MlNetNeural.Core.Attribution;

/// <summary>How integrated gradients integrates along the path from the baseline to the row. The numeric values are stored in model files: never renumber them.</summary>
public enum IntegrationRule
{
    /// <summary>
    /// Gauss–Legendre quadrature with <see cref="AttributionSettings.IntegrationSteps"/> points: exact for polynomials of
    /// degree 2n − 1 in the path position, so it converges fastest on smooth networks (GELU, tanh, sigmoid). Captum's
    /// default for integrated gradients.
    /// </summary>
    GaussLegendre = 0,

    /// <summary>The midpoint Riemann sum: <see cref="AttributionSettings.IntegrationSteps"/> equal steps, each evaluated at its centre.</summary>
    RiemannMidpoint = 1,

    /// <summary>
    /// Exact for piecewise-linear networks (dense layers with identity, ReLU or LeakyReLU activations and dropout, after
    /// optional per-feature front layers: feature scaling, periodic embeddings): the path is cut wherever a hidden unit
    /// changes sign, and each piece, on which the gradient is constant, is evaluated once at its centre, so the
    /// contributions add up to f(x) − f(b) to float precision. A front that is not affine (a smooth clip, cosines) bends
    /// the path in its outputs; it is followed as <see cref="FeatureAttributor.CurvedPathChords"/> chords (the sum stays
    /// exact). A network with another layer or activation, or a path with more than
    /// <see cref="AttributionSettings.MaxIntegrationSteps"/> pieces, falls back to <see cref="GaussLegendre"/>.
    /// </summary>
    LinearPieces = 2,
}
