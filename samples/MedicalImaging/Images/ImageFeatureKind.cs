namespace MedicalImaging.Images;

/// <summary>What the MLP head reads from each image.</summary>
public enum ImageFeatureKind
{
    /// <summary>The image resized to 32 × 32, its RGB pixels scaled to [0, 1] (3,072 values).</summary>
    Pixels,

    /// <summary>The 512 features of the pretrained ResNet18 (ImageNet) at 224 × 224, a frozen backbone.</summary>
    ResNet18,
}
