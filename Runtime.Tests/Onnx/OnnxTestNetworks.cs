namespace StaticNets.Runtime.Tests.Onnx;

// PReLU and batch norm on a feature vector (TestNetworks.cs has them only on images, or next to MAXOUT).
[Network("FC(8)+PRELU+BN+TANH+FC(3)+SOFTMAX", Input = "6")]
internal partial class FlatNormalizedNet
{
}
