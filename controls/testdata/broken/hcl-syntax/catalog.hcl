control "X-01" {
  title = "t"
  family = 
}
