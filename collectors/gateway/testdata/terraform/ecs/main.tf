# MCP servers on ECS Fargate (the provider's aws_ecs_task_definition
# examples with jsonencode and a heredoc), one service with public IPs.
resource "aws_ecs_task_definition" "mcp" {
  family                   = "mcp-servers"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024

  container_definitions = jsonencode([
    {
      name      = "slack-mcp"
      image     = "mcp/slack:latest"
      essential = true
      portMappings = [
        {
          containerPort = 8080
          hostPort      = 8080
        }
      ]
      environment = [
        { name = "SLACK_BOT_TOKEN", value = "xoxb-123456789012-123456789012-AbCdEfGhIjKlMnOpQrStUvWx" },
        { name = "SLACK_TEAM_ID", value = "T01234567" }
      ]
      secrets = [
        { name = "SLACK_SIGNING_SECRET", valueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:slack-signing" }
      ]
    },
    {
      name  = "log-router"
      image = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
    }
  ])
}

resource "aws_ecs_service" "mcp" {
  name            = "mcp-servers"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.mcp.arn
  launch_type     = "FARGATE"
  desired_count   = 1

  network_configuration {
    subnets          = var.public_subnets
    assign_public_ip = true
  }
}

resource "aws_ecs_task_definition" "postgres_mcp" {
  family       = "postgres-mcp"
  network_mode = "bridge"
  volume {
    name      = "docker"
    host_path = "/var/run/docker.sock"
  }
  container_definitions = <<EOF
[
  {
    "name": "postgres-mcp",
    "image": "crystaldba/postgres-mcp:0.3.0",
    "privileged": true,
    "command": ["--access-mode=unrestricted", "--transport=sse"],
    "environment": [
      {"name": "DATABASE_URI", "value": "postgresql://mcp:Pa55w0rdForMcp1@db.internal:5432/app"}
    ],
    "portMappings": [{"containerPort": 8000, "hostPort": 8000}],
    "mountPoints": [{"sourceVolume": "docker", "containerPath": "/var/run/docker.sock"}]
  }
]
EOF
}
