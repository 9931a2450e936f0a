namespace MlNetNeural.Federated.Privacy;

/// <summary>
/// DP-FedAvg (McMahan, Ramage, Talwar and Zhang 2018, "Learning Differentially Private Recurrent Language Models"):
/// every site clips its round update to L2 norm <see cref="ClipNorm"/>, the coordinator averages the clipped updates
/// with equal weight and adds Gaussian noise of standard deviation <see cref="NoiseMultiplier"/> × <see cref="ClipNorm"/>
/// to their sum. The guarantee is site-level: it bounds what the model reveals about whether one whole site took part.
/// </summary>
public sealed class DifferentialPrivacyOptions
{
    /// <summary>Largest L2 norm of one site's update (the change of all weights in a round), above 0. Default 1.</summary>
    public float ClipNorm { get; set; } = 1f;

    /// <summary>z: the noise's standard deviation as a multiple of <see cref="ClipNorm"/>, 0 or more. Default 1. 0 clips without noise (no guarantee).</summary>
    public float NoiseMultiplier { get; set; } = 1f;

    /// <summary>δ of the reported (ε, δ) guarantee, in (0, 1). Default 1e-5.</summary>
    public double Delta { get; set; } = 1e-5;

    /// <summary>
    /// Seed of the noise. Null (default) draws every round's noise seed from the operating system's cryptographic generator,
    /// as a real deployment must; a value makes runs reproducible (studies, tests) but lets anyone who knows it remove the noise.
    /// </summary>
    public int? NoiseSeed { get; set; }

    internal void Validate()
    {
        if (!(float.IsFinite(ClipNorm) && ClipNorm > 0f))
            throw new ArgumentOutOfRangeException(nameof(ClipNorm), ClipNorm, "The DP clip norm must be a finite number above 0.");
        if (!(float.IsFinite(NoiseMultiplier) && NoiseMultiplier >= 0f))
            throw new ArgumentOutOfRangeException(nameof(NoiseMultiplier), NoiseMultiplier, "The DP noise multiplier must be a finite number, 0 or more.");
        if (!(Delta > 0 && Delta < 1))
            throw new ArgumentOutOfRangeException(nameof(Delta), Delta, "δ must be in (0, 1); 1e-5 or below is usual.");
    }
}
