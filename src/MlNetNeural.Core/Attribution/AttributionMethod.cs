namespace MlNetNeural.Core.Attribution;

/// <summary>How a feature's contribution to one output is computed. The numeric values are stored in model files: never renumber them.</summary>
public enum AttributionMethod
{
    /// <summary>
    /// Integrated gradients (Sundararajan, Taly and Yan 2017, "Axiomatic Attribution for Deep Networks"): (xᵢ − bᵢ) times the
    /// average of ∂f/∂xᵢ along the straight path from the baseline b to the row x. The contributions of a row add up to
    /// f(x) − f(b) (completeness), up to the error of the numerical integration.
    /// </summary>
    IntegratedGradients = 0,

    /// <summary>
    /// Gradient × input (Shrikumar et al. 2016, "Not Just a Black Box"), taken from the baseline: (xᵢ − bᵢ) · ∂f/∂xᵢ at x. One
    /// backward pass per row; exact for a linear model, a first-order approximation otherwise (no completeness). With a
    /// baseline of zeros it is the classic gradient × input.
    /// </summary>
    GradientTimesInput = 1,
}
